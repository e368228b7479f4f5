SELECT stations.team_id,
  sum(CASE WHEN (expenses.month = %(month_1)s AND expenses.category = %(category_1)s) THEN expenses.amount * %(amount_1)s END) AS expense_labour__ly,
  sum(CASE WHEN (expenses.month = %(month_2)s AND expenses.category = %(category_1)s) THEN expenses.amount * %(amount_2)s END) AS expense_labour__prev,
  sum(CASE WHEN (expenses.month = %(month_3)s AND expenses.category = %(category_1)s) THEN expenses.amount * %(amount_3)s END) AS expense_labour__cur,
  sum(CASE WHEN (expenses.month = %(month_4)s) THEN expenses.amount * %(amount_4)s END) AS expense_sum__ly,
  sum(CASE WHEN (expenses.month = %(month_5)s) THEN expenses.amount * %(amount_5)s END) AS expense_sum__prev,
  sum(CASE WHEN (expenses.month = %(month_6)s) THEN expenses.amount * %(amount_6)s END) AS expense_sum__cur 
FROM expenses JOIN stations ON expenses.station_id = stations.station_id 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1]) AND (expenses.month >= %(month_7)s AND expenses.month <= %(month_8)s OR expenses.month >= %(month_9)s AND expenses.month <= %(month_10)s OR expenses.month >= %(month_11)s AND expenses.month <= %(month_12)s) GROUP BY stations.team_id ORDER BY stations.team_id;
-- params:
--   amount_1 = 0.4838709677419355
--   amount_2 = 0.5
--   amount_3 = 0.4838709677419355
--   amount_4 = 0.4838709677419355
--   amount_5 = 0.5
--   amount_6 = 0.4838709677419355
--   category_1 = 'labour'
--   month_1 = datetime.date(2025, 10, 1)
--   month_10 = datetime.date(2026, 9, 15)
--   month_11 = datetime.date(2026, 10, 1)
--   month_12 = datetime.date(2026, 10, 15)
--   month_2 = datetime.date(2026, 9, 1)
--   month_3 = datetime.date(2026, 10, 1)
--   month_4 = datetime.date(2025, 10, 1)
--   month_5 = datetime.date(2026, 9, 1)
--   month_6 = datetime.date(2026, 10, 1)
--   month_7 = datetime.date(2025, 10, 1)
--   month_8 = datetime.date(2025, 10, 15)
--   month_9 = datetime.date(2026, 9, 1)
--   team_id_1 = ['T1', 'T2']

SELECT daily.city_id, daily.team_id, daily.station_id, CAST(NULL AS FLOAT) AS fuel_gp__ly, CAST(NULL AS FLOAT) AS fuel_gp__prev, CAST(NULL AS FLOAT) AS fuel_gp__cur, CAST(NULL AS FLOAT) AS fuel_list_amount__ly, CAST(NULL AS FLOAT) AS fuel_list_amount__prev, CAST(NULL AS FLOAT) AS fuel_list_amount__cur, CAST(NULL AS FLOAT) AS fuel_paid__ly, CAST(NULL AS FLOAT) AS fuel_paid__prev, CAST(NULL AS FLOAT) AS fuel_paid__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s AND daily.day <= %(day_2)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_3)s AND daily.day <= %(day_4)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__ly_ytd,
  sum(CASE WHEN (daily.day >= %(day_5)s AND daily.day <= %(day_6)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_7)s AND daily.day <= %(day_8)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__ly,
  sum(CASE WHEN (daily.day >= %(day_9)s AND daily.day <= %(day_10)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20260101_20260915,
  sum(CASE WHEN (daily.day >= %(day_11)s AND daily.day <= %(day_12)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__ytd,
  sum(CASE WHEN (daily.day >= %(day_13)s AND daily.day <= %(day_14)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20260801_20260815,
  sum(CASE WHEN (daily.day >= %(day_15)s AND daily.day <= %(day_16)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__prev,
  sum(CASE WHEN (daily.day >= %(day_17)s AND daily.day <= %(day_18)s) THEN daily.fuel_tonnes END) AS fuel_tonnes__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_member__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_member__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_member__cur, CAST(NULL AS FLOAT) AS fuel_txn_n__ly, CAST(NULL AS FLOAT) AS fuel_txn_n__prev, CAST(NULL AS FLOAT) AS fuel_txn_n__cur, CAST(NULL AS FLOAT) AS fuel_customers_n__ly, CAST(NULL AS FLOAT) AS fuel_customers_n__prev, CAST(NULL AS FLOAT) AS fuel_customers_n__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum((fuel_sales.liters * products.density_kg_per_l) / %(param_1)s) AS fuel_tonnes 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id JOIN products ON fuel_sales.product_code = products.product_code 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_1]) OR stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND (fuel_sales.ts >= %(ts_1)s AND fuel_sales.ts < %(ts_2)s OR fuel_sales.ts >= %(ts_3)s AND fuel_sales.ts < %(ts_4)s OR fuel_sales.ts >= %(ts_5)s AND fuel_sales.ts < %(ts_6)s) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(fuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT daily.city_id, daily.team_id, daily.station_id,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_gp END) AS fuel_gp__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_gp END) AS fuel_gp__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_gp END) AS fuel_gp__cur,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_list_amount END) AS fuel_list_amount__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_list_amount END) AS fuel_list_amount__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_list_amount END) AS fuel_list_amount__cur,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_paid END) AS fuel_paid__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_paid END) AS fuel_paid__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_paid END) AS fuel_paid__cur, CAST(NULL AS FLOAT) AS fuel_tonnes__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__ly_ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260101_20260915, CAST(NULL AS FLOAT) AS fuel_tonnes__ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260801_20260815, CAST(NULL AS FLOAT) AS fuel_tonnes__prev, CAST(NULL AS FLOAT) AS fuel_tonnes__cur,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__cur,
  sum(CASE WHEN (daily.day >= %(day_19)s AND daily.day <= %(day_20)s) THEN daily.fuel_txn_n END) AS fuel_txn_n__ly,
  sum(CASE WHEN (daily.day >= %(day_21)s AND daily.day <= %(day_22)s) THEN daily.fuel_txn_n END) AS fuel_txn_n__prev,
  sum(CASE WHEN (daily.day >= %(day_23)s AND daily.day <= %(day_24)s) THEN daily.fuel_txn_n END) AS fuel_txn_n__cur, CAST(NULL AS FLOAT) AS fuel_customers_n__ly, CAST(NULL AS FLOAT) AS fuel_customers_n__prev, CAST(NULL AS FLOAT) AS fuel_customers_n__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum(fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter) AS fuel_gp,
  sum(fuel_sales.liters * fuel_sales.list_price) AS fuel_list_amount,
  sum(fuel_sales.paid_amount) AS fuel_paid,
  sum(CASE WHEN (products.kind = %(kind_1)s) THEN (fuel_sales.liters * products.density_kg_per_l) / %(param_2)s END) AS fuel_tonnes_gasoline,
  sum(CASE WHEN (fuel_sales.customer_id IS NOT NULL) THEN (fuel_sales.liters * products.density_kg_per_l) / %(param_3)s END) AS fuel_tonnes_member,
  count(1) AS fuel_txn_n 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id JOIN products ON fuel_sales.product_code = products.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc('month', fuel_sales.ts) AS DATE) 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_2]) OR stations.team_id IN (__[POSTCOMPILE_team_id_2]) OR stations.station_id IN (__[POSTCOMPILE_station_id_2])) AND (fuel_sales.ts >= %(ts_7)s AND fuel_sales.ts < %(ts_8)s OR fuel_sales.ts >= %(ts_9)s AND fuel_sales.ts < %(ts_10)s OR fuel_sales.ts >= %(ts_11)s AND fuel_sales.ts < %(ts_12)s) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(fuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT seen.city_id, seen.team_id, seen.station_id, CAST(NULL AS FLOAT) AS fuel_gp__ly, CAST(NULL AS FLOAT) AS fuel_gp__prev, CAST(NULL AS FLOAT) AS fuel_gp__cur, CAST(NULL AS FLOAT) AS fuel_list_amount__ly, CAST(NULL AS FLOAT) AS fuel_list_amount__prev, CAST(NULL AS FLOAT) AS fuel_list_amount__cur, CAST(NULL AS FLOAT) AS fuel_paid__ly, CAST(NULL AS FLOAT) AS fuel_paid__prev, CAST(NULL AS FLOAT) AS fuel_paid__cur, CAST(NULL AS FLOAT) AS fuel_tonnes__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__ly_ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260101_20260915, CAST(NULL AS FLOAT) AS fuel_tonnes__ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260801_20260815, CAST(NULL AS FLOAT) AS fuel_tonnes__prev, CAST(NULL AS FLOAT) AS fuel_tonnes__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_member__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_member__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_member__cur, CAST(NULL AS FLOAT) AS fuel_txn_n__ly, CAST(NULL AS FLOAT) AS fuel_txn_n__prev, CAST(NULL AS FLOAT) AS fuel_txn_n__cur,
  count(DISTINCT CASE WHEN (seen.w0 = %(w0_1)s) THEN seen.v END) AS fuel_customers_n__ly,
  count(DISTINCT CASE WHEN (seen.w1 = %(w1_1)s) THEN seen.v END) AS fuel_customers_n__prev,
  count(DISTINCT CASE WHEN (seen.w2 = %(w2_1)s) THEN seen.v END) AS fuel_customers_n__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, fuel_sales.customer_id AS v, max(CASE WHEN (fuel_sales.ts >= %(ts_13)s AND fuel_sales.ts < %(ts_14)s) THEN 1 ELSE 0 END) AS w0, max(CASE WHEN (fuel_sales.ts >= %(ts_15)s AND fuel_sales.ts < %(ts_16)s) THEN 1 ELSE 0 END) AS w1, max(CASE WHEN (fuel_sales.ts >= %(ts_17)s AND fuel_sales.ts < %(ts_18)s) THEN 1 ELSE 0 END) AS w2 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_3]) OR stations.team_id IN (__[POSTCOMPILE_team_id_3]) OR stations.station_id IN (__[POSTCOMPILE_station_id_3])) AND (fuel_sales.ts >= %(ts_19)s AND fuel_sales.ts < %(ts_20)s OR fuel_sales.ts >= %(ts_21)s AND fuel_sales.ts < %(ts_22)s OR fuel_sales.ts >= %(ts_23)s AND fuel_sales.ts < %(ts_24)s) AND fuel_sales.customer_id IS NOT NULL GROUP BY stations.city_id, stations.team_id, stations.station_id, fuel_sales.customer_id) AS seen GROUP BY GROUPING SETS(seen.city_id, seen.team_id, seen.station_id);
-- params:
--   city_id_1 = ['C1']
--   city_id_2 = ['C1']
--   city_id_3 = ['C1']
--   day_1 = datetime.date(2024, 10, 1)
--   day_10 = datetime.date(2026, 9, 15)
--   day_11 = datetime.date(2026, 1, 1)
--   day_12 = datetime.date(2026, 10, 15)
--   day_13 = datetime.date(2026, 8, 1)
--   day_14 = datetime.date(2026, 8, 15)
--   day_15 = datetime.date(2026, 9, 1)
--   day_16 = datetime.date(2026, 9, 15)
--   day_17 = datetime.date(2026, 10, 1)
--   day_18 = datetime.date(2026, 10, 15)
--   day_19 = datetime.date(2025, 10, 1)
--   day_2 = datetime.date(2024, 10, 15)
--   day_20 = datetime.date(2025, 10, 15)
--   day_21 = datetime.date(2026, 9, 1)
--   day_22 = datetime.date(2026, 9, 15)
--   day_23 = datetime.date(2026, 10, 1)
--   day_24 = datetime.date(2026, 10, 15)
--   day_3 = datetime.date(2025, 1, 1)
--   day_4 = datetime.date(2025, 10, 15)
--   day_5 = datetime.date(2025, 9, 1)
--   day_6 = datetime.date(2025, 9, 15)
--   day_7 = datetime.date(2025, 10, 1)
--   day_8 = datetime.date(2025, 10, 15)
--   day_9 = datetime.date(2026, 1, 1)
--   kind_1 = 'gasoline'
--   param_1 = 1000
--   param_2 = 1000
--   param_3 = 1000
--   station_id_1 = ['S1', 'S2']
--   station_id_2 = ['S1', 'S2']
--   station_id_3 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']
--   team_id_2 = ['T1', 'T2']
--   team_id_3 = ['T1', 'T2']
--   ts_1 = datetime.datetime(2024, 10, 1, 0, 0)
--   ts_10 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_11 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_12 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_13 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_14 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_15 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_16 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_17 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_18 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_19 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_2 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_20 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_21 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_22 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_23 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_24 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2025, 1, 1, 0, 0)
--   ts_4 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 1, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_7 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_8 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_9 = datetime.datetime(2026, 9, 1, 0, 0)
--   w0_1 = 1
--   w1_1 = 1
--   w2_1 = 1

SELECT daily.team_id,
  sum(CASE WHEN (daily.day >= %(day_1)s AND daily.day <= %(day_2)s) THEN daily.nonfuel_gp END) AS nonfuel_gp__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s AND daily.day <= %(day_4)s) THEN daily.nonfuel_gp END) AS nonfuel_gp__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s AND daily.day <= %(day_6)s) THEN daily.nonfuel_gp END) AS nonfuel_gp__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s AND daily.day <= %(day_2)s) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s AND daily.day <= %(day_4)s) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s AND daily.day <= %(day_6)s) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__cur 
FROM (SELECT stations.team_id AS team_id, CAST(nonfuel_sales.ts AS DATE) AS day,
  sum(nonfuel_sales.revenue - nonfuel_sales.cost) AS nonfuel_gp,
  sum(nonfuel_sales.revenue) AS nonfuel_revenue_sum 
FROM nonfuel_sales JOIN stations ON nonfuel_sales.station_id = stations.station_id 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1]) AND (nonfuel_sales.ts >= %(ts_1)s AND nonfuel_sales.ts < %(ts_2)s OR nonfuel_sales.ts >= %(ts_3)s AND nonfuel_sales.ts < %(ts_4)s OR nonfuel_sales.ts >= %(ts_5)s AND nonfuel_sales.ts < %(ts_6)s) GROUP BY stations.team_id, CAST(nonfuel_sales.ts AS DATE)) AS daily GROUP BY daily.team_id;
-- params:
--   day_1 = datetime.date(2025, 10, 1)
--   day_2 = datetime.date(2025, 10, 15)
--   day_3 = datetime.date(2026, 9, 1)
--   day_4 = datetime.date(2026, 9, 15)
--   day_5 = datetime.date(2026, 10, 1)
--   day_6 = datetime.date(2026, 10, 15)
--   team_id_1 = ['T1', 'T2']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

SELECT stations.team_id, stations.station_id,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_1)s) THEN plans.target END) AS plan__expenses__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_2)s) THEN plans.target END) AS plan__fuel_gross_profit__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_3)s AND plans.month <= %(month_4)s AND plans.measure = %(measure_3)s) THEN plans.target END) AS plan__fuel_volume_t__d20250101_20251231,
  sum(CASE WHEN (plans.month >= %(month_5)s AND plans.month <= %(month_6)s AND plans.measure = %(measure_3)s) THEN plans.target END) AS plan__fuel_volume_t__d20251001_20251031,
  sum(CASE WHEN (plans.month >= %(month_7)s AND plans.month <= %(month_8)s AND plans.measure = %(measure_3)s) THEN plans.target END) AS plan__fuel_volume_t__d20260101_20261231,
  sum(CASE WHEN (plans.month >= %(month_9)s AND plans.month <= %(month_10)s AND plans.measure = %(measure_3)s) THEN plans.target END) AS plan__fuel_volume_t__d20260901_20260930,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_3)s) THEN plans.target END) AS plan__fuel_volume_t__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_4)s) THEN plans.target END) AS plan__nonfuel_gross_profit__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_5)s) THEN plans.target END) AS plan__nonfuel_revenue__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_6)s) THEN plans.target END) AS plan__operating_profit__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_1)s) THEN 1 END) AS plan_n__expenses__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_2)s) THEN 1 END) AS plan_n__fuel_gross_profit__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_3)s AND plans.month <= %(month_4)s AND plans.measure = %(measure_3)s) THEN 1 END) AS plan_n__fuel_volume_t__d20250101_20251231,
  count(CASE WHEN (plans.month >= %(month_5)s AND plans.month <= %(month_6)s AND plans.measure = %(measure_3)s) THEN 1 END) AS plan_n__fuel_volume_t__d20251001_20251031,
  count(CASE WHEN (plans.month >= %(month_7)s AND plans.month <= %(month_8)s AND plans.measure = %(measure_3)s) THEN 1 END) AS plan_n__fuel_volume_t__d20260101_20261231,
  count(CASE WHEN (plans.month >= %(month_9)s AND plans.month <= %(month_10)s AND plans.measure = %(measure_3)s) THEN 1 END) AS plan_n__fuel_volume_t__d20260901_20260930,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_3)s) THEN 1 END) AS plan_n__fuel_volume_t__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_4)s) THEN 1 END) AS plan_n__nonfuel_gross_profit__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_5)s) THEN 1 END) AS plan_n__nonfuel_revenue__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s AND plans.month <= %(month_2)s AND plans.measure = %(measure_6)s) THEN 1 END) AS plan_n__operating_profit__d20261001_20261031 
FROM plans JOIN stations ON plans.station_id = stations.station_id 
WHERE (stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND plans.month >= %(month_11)s AND plans.month <= %(month_12)s GROUP BY GROUPING SETS(stations.team_id, stations.station_id) ORDER BY stations.team_id, stations.station_id;
-- params:
--   measure_1 = 'expenses'
--   measure_2 = 'fuel_gross_profit'
--   measure_3 = 'fuel_volume_t'
--   measure_4 = 'nonfuel_gross_profit'
--   measure_5 = 'nonfuel_revenue'
--   measure_6 = 'operating_profit'
--   month_1 = datetime.date(2026, 10, 1)
--   month_10 = datetime.date(2026, 9, 30)
--   month_11 = datetime.date(2025, 1, 1)
--   month_12 = datetime.date(2026, 12, 31)
--   month_2 = datetime.date(2026, 10, 31)
--   month_3 = datetime.date(2025, 1, 1)
--   month_4 = datetime.date(2025, 12, 31)
--   month_5 = datetime.date(2025, 10, 1)
--   month_6 = datetime.date(2025, 10, 31)
--   month_7 = datetime.date(2026, 1, 1)
--   month_8 = datetime.date(2026, 12, 31)
--   month_9 = datetime.date(2026, 9, 1)
--   station_id_1 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']

SELECT daily.team_id,
  sum(CASE WHEN (daily.day >= %(day_1)s AND daily.day <= %(day_2)s) THEN daily.recharge_sum END) AS recharge_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s AND daily.day <= %(day_4)s) THEN daily.recharge_sum END) AS recharge_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s AND daily.day <= %(day_6)s) THEN daily.recharge_sum END) AS recharge_sum__cur 
FROM (SELECT stations.team_id AS team_id, CAST(card_recharges.ts AS DATE) AS day,
  sum(card_recharges.amount) AS recharge_sum 
FROM card_recharges JOIN stations ON card_recharges.station_id = stations.station_id 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1]) AND (card_recharges.ts >= %(ts_1)s AND card_recharges.ts < %(ts_2)s OR card_recharges.ts >= %(ts_3)s AND card_recharges.ts < %(ts_4)s OR card_recharges.ts >= %(ts_5)s AND card_recharges.ts < %(ts_6)s) GROUP BY stations.team_id, CAST(card_recharges.ts AS DATE)) AS daily GROUP BY daily.team_id;
-- params:
--   day_1 = datetime.date(2025, 10, 1)
--   day_2 = datetime.date(2025, 10, 15)
--   day_3 = datetime.date(2026, 9, 1)
--   day_4 = datetime.date(2026, 9, 15)
--   day_5 = datetime.date(2026, 10, 1)
--   day_6 = datetime.date(2026, 10, 15)
--   team_id_1 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

