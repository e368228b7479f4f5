"""Who receives alert digests: a small YAML config of people with a role, a scope and channels.

    recipients:
      - name: 王站长
        role: station          # station | team | city | province
        scope: station:S003    # data.scope.Scope.parse syntax
        webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…
        webhook_kind: wecom    # wecom | dingtalk
        email: wang@example.com
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from alerts.rules import AUDIENCES, RuleError
from data.scope import Scope

WEBHOOK_KINDS = ("wecom", "dingtalk")


@dataclass(frozen=True)
class Recipient:
    """One person who gets a daily digest of the alerts inside their scope."""

    name: str
    role: str
    scope: str
    webhook: str | None = None
    webhook_kind: str = "wecom"
    email: str | None = None

    @property
    def data_scope(self) -> Scope:
        """The recipient's data scope (without personal data: digests carry ids only)."""
        return Scope.parse(self.scope, pii=False)

    def hears(self, audience: str) -> bool:
        """Whether an alert for `audience` reaches this role (the audience level and above)."""
        return AUDIENCES.index(self.role) >= AUDIENCES.index(audience)


def parse_recipients(data: object) -> tuple[Recipient, ...]:
    """Validate the parsed YAML and build the recipients."""
    if not isinstance(data, dict) or not isinstance(data.get("recipients"), list):
        raise RuleError("the recipients file must hold a `recipients:` list")
    out = []
    for raw in data["recipients"]:
        try:
            r = Recipient(**raw)
        except TypeError as err:
            raise RuleError(f"recipient {raw}: {err}") from err
        if r.role not in AUDIENCES:
            raise RuleError(f"recipient {r.name}: role must be one of {AUDIENCES}")
        if r.webhook_kind not in WEBHOOK_KINDS:
            raise RuleError(f"recipient {r.name}: webhook_kind must be one of {WEBHOOK_KINDS}")
        if r.data_scope.is_empty:
            raise RuleError(f"recipient {r.name}: empty scope")
        out.append(r)
    return tuple(out)


def load_recipients(path: Path) -> tuple[Recipient, ...]:
    """The recipients of a YAML file."""
    return parse_recipients(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
