"""Access: who is asking, and what they may see (users, roles, scopes, personal-data rules)."""
