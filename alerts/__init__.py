"""Push alerts (预警推送): rules as data, evaluation into the state store, delivery per recipient.

- `alerts.rules.load_rules()` → frozen `Rule`s from alerts/rules.yaml.
- `alerts.evaluate.run(engine, state_engine, as_of)` → the alerts newly stored.
- `alerts.after_import.evaluate_after_import(url)`: what `python -m data import` runs once an
  import is published (evaluate for the last data day, tell the configured people; never fails
  the import).
- `alerts.schedule`: the daily digest at a local time (`python -m alerts schedule`).
- `python -m alerts run|send|schedule` from the command line; settings in alerts/config.py.
"""
