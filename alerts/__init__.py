"""Push alerts (预警推送): rules as data, evaluation into the state store, delivery per recipient.

- `alerts.rules.load_rules()` → frozen `Rule`s from alerts/rules.yaml.
- `alerts.evaluate.run(engine, state_engine, as_of)` → the alerts newly stored.
- `python -m alerts run --db URL --as-of DATE` runs it from the command line (cron after import).
"""
