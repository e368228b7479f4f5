SELECT stations.city_id, stations.team_id, stations.station_id,
  sum(CASE WHEN (expenses.month = %(month_1)s::DATE AND expenses.category = %(category_1)s::VARCHAR) THEN expenses.amount * %(amount_1)s END) AS expense_depreciation__ly,
  sum(CASE WHEN (expenses.month = %(month_2)s::DATE AND expenses.category = %(category_1)s::VARCHAR) THEN expenses.amount * %(amount_2)s END) AS expense_depreciation__prev,
  sum(CASE WHEN (expenses.month = %(month_3)s::DATE AND expenses.category = %(category_1)s::VARCHAR) THEN expenses.amount * %(amount_3)s END) AS expense_depreciation__cur,
  sum(CASE WHEN (expenses.month = %(month_4)s::DATE AND expenses.category = %(category_2)s::VARCHAR) THEN expenses.amount * %(amount_4)s END) AS expense_labour__ly,
  sum(CASE WHEN (expenses.month = %(month_5)s::DATE AND expenses.category = %(category_2)s::VARCHAR) THEN expenses.amount * %(amount_5)s END) AS expense_labour__prev,
  sum(CASE WHEN (expenses.month = %(month_6)s::DATE AND expenses.category = %(category_2)s::VARCHAR) THEN expenses.amount * %(amount_6)s END) AS expense_labour__cur,
  sum(CASE WHEN (expenses.month = %(month_7)s::DATE AND expenses.category = %(category_3)s::VARCHAR) THEN expenses.amount * %(amount_7)s END) AS expense_marketing__ly,
  sum(CASE WHEN (expenses.month = %(month_8)s::DATE AND expenses.category = %(category_3)s::VARCHAR) THEN expenses.amount * %(amount_8)s END) AS expense_marketing__prev,
  sum(CASE WHEN (expenses.month = %(month_9)s::DATE AND expenses.category = %(category_3)s::VARCHAR) THEN expenses.amount * %(amount_9)s END) AS expense_marketing__cur,
  sum(CASE WHEN (expenses.month = %(month_10)s::DATE AND expenses.category = %(category_4)s::VARCHAR) THEN expenses.amount * %(amount_10)s END) AS expense_other__ly,
  sum(CASE WHEN (expenses.month = %(month_11)s::DATE AND expenses.category = %(category_4)s::VARCHAR) THEN expenses.amount * %(amount_11)s END) AS expense_other__prev,
  sum(CASE WHEN (expenses.month = %(month_12)s::DATE AND expenses.category = %(category_4)s::VARCHAR) THEN expenses.amount * %(amount_12)s END) AS expense_other__cur,
  sum(CASE WHEN (expenses.month = %(month_13)s::DATE AND expenses.category = %(category_5)s::VARCHAR) THEN expenses.amount * %(amount_13)s END) AS expense_rent__ly,
  sum(CASE WHEN (expenses.month = %(month_14)s::DATE AND expenses.category = %(category_5)s::VARCHAR) THEN expenses.amount * %(amount_14)s END) AS expense_rent__prev,
  sum(CASE WHEN (expenses.month = %(month_15)s::DATE AND expenses.category = %(category_5)s::VARCHAR) THEN expenses.amount * %(amount_15)s END) AS expense_rent__cur,
  sum(CASE WHEN (expenses.month = %(month_16)s::DATE AND expenses.category = %(category_6)s::VARCHAR) THEN expenses.amount * %(amount_16)s END) AS expense_repairs__ly,
  sum(CASE WHEN (expenses.month = %(month_17)s::DATE AND expenses.category = %(category_6)s::VARCHAR) THEN expenses.amount * %(amount_17)s END) AS expense_repairs__prev,
  sum(CASE WHEN (expenses.month = %(month_18)s::DATE AND expenses.category = %(category_6)s::VARCHAR) THEN expenses.amount * %(amount_18)s END) AS expense_repairs__cur,
  sum(CASE WHEN (expenses.month = %(month_19)s::DATE) THEN expenses.amount * %(amount_19)s END) AS expense_sum__d20241001_20241015,
  sum(CASE WHEN (expenses.month = %(month_20)s::DATE) THEN expenses.amount * %(amount_20)s END) AS expense_sum__d20250901_20250915,
  sum(CASE WHEN (expenses.month = %(month_21)s::DATE) THEN expenses.amount * %(amount_21)s END) AS expense_sum__ly,
  sum(CASE WHEN (expenses.month = %(month_22)s::DATE) THEN expenses.amount * %(amount_22)s END) AS expense_sum__prev,
  sum(CASE WHEN (expenses.month = %(month_23)s::DATE) THEN expenses.amount * %(amount_23)s END) AS expense_sum__cur,
  sum(CASE WHEN (expenses.month = %(month_24)s::DATE AND expenses.category = %(category_7)s::VARCHAR) THEN expenses.amount * %(amount_24)s END) AS expense_utilities__ly,
  sum(CASE WHEN (expenses.month = %(month_25)s::DATE AND expenses.category = %(category_7)s::VARCHAR) THEN expenses.amount * %(amount_25)s END) AS expense_utilities__prev,
  sum(CASE WHEN (expenses.month = %(month_26)s::DATE AND expenses.category = %(category_7)s::VARCHAR) THEN expenses.amount * %(amount_26)s END) AS expense_utilities__cur 
FROM expenses JOIN stations ON expenses.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_1]) OR stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND (expenses.month >= %(month_27)s::DATE AND expenses.month <= %(month_28)s::DATE OR expenses.month >= %(month_29)s::DATE AND expenses.month <= %(month_30)s::DATE OR expenses.month >= %(month_31)s::DATE AND expenses.month <= %(month_32)s::DATE OR expenses.month >= %(month_33)s::DATE AND expenses.month <= %(month_34)s::DATE OR expenses.month >= %(month_35)s::DATE AND expenses.month <= %(month_36)s::DATE) GROUP BY GROUPING SETS(stations.city_id, stations.team_id, stations.station_id) ORDER BY stations.city_id, stations.team_id, stations.station_id;
-- params:
--   amount_1 = 0.4838709677419355
--   amount_10 = 0.4838709677419355
--   amount_11 = 0.5
--   amount_12 = 0.4838709677419355
--   amount_13 = 0.4838709677419355
--   amount_14 = 0.5
--   amount_15 = 0.4838709677419355
--   amount_16 = 0.4838709677419355
--   amount_17 = 0.5
--   amount_18 = 0.4838709677419355
--   amount_19 = 0.4838709677419355
--   amount_2 = 0.5
--   amount_20 = 0.5
--   amount_21 = 0.4838709677419355
--   amount_22 = 0.5
--   amount_23 = 0.4838709677419355
--   amount_24 = 0.4838709677419355
--   amount_25 = 0.5
--   amount_26 = 0.4838709677419355
--   amount_3 = 0.4838709677419355
--   amount_4 = 0.4838709677419355
--   amount_5 = 0.5
--   amount_6 = 0.4838709677419355
--   amount_7 = 0.4838709677419355
--   amount_8 = 0.5
--   amount_9 = 0.4838709677419355
--   category_1 = 'depreciation'
--   category_2 = 'labour'
--   category_3 = 'marketing'
--   category_4 = 'other'
--   category_5 = 'rent'
--   category_6 = 'repairs'
--   category_7 = 'utilities'
--   city_id_1 = ['C1']
--   month_1 = datetime.date(2025, 10, 1)
--   month_10 = datetime.date(2025, 10, 1)
--   month_11 = datetime.date(2026, 9, 1)
--   month_12 = datetime.date(2026, 10, 1)
--   month_13 = datetime.date(2025, 10, 1)
--   month_14 = datetime.date(2026, 9, 1)
--   month_15 = datetime.date(2026, 10, 1)
--   month_16 = datetime.date(2025, 10, 1)
--   month_17 = datetime.date(2026, 9, 1)
--   month_18 = datetime.date(2026, 10, 1)
--   month_19 = datetime.date(2024, 10, 1)
--   month_2 = datetime.date(2026, 9, 1)
--   month_20 = datetime.date(2025, 9, 1)
--   month_21 = datetime.date(2025, 10, 1)
--   month_22 = datetime.date(2026, 9, 1)
--   month_23 = datetime.date(2026, 10, 1)
--   month_24 = datetime.date(2025, 10, 1)
--   month_25 = datetime.date(2026, 9, 1)
--   month_26 = datetime.date(2026, 10, 1)
--   month_27 = datetime.date(2024, 10, 1)
--   month_28 = datetime.date(2024, 10, 15)
--   month_29 = datetime.date(2025, 9, 1)
--   month_3 = datetime.date(2026, 10, 1)
--   month_30 = datetime.date(2025, 9, 15)
--   month_31 = datetime.date(2025, 10, 1)
--   month_32 = datetime.date(2025, 10, 15)
--   month_33 = datetime.date(2026, 9, 1)
--   month_34 = datetime.date(2026, 9, 15)
--   month_35 = datetime.date(2026, 10, 1)
--   month_36 = datetime.date(2026, 10, 15)
--   month_4 = datetime.date(2025, 10, 1)
--   month_5 = datetime.date(2026, 9, 1)
--   month_6 = datetime.date(2026, 10, 1)
--   month_7 = datetime.date(2025, 10, 1)
--   month_8 = datetime.date(2026, 9, 1)
--   month_9 = datetime.date(2026, 10, 1)
--   station_id_1 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']

SELECT daily.city_id, daily.team_id, daily.station_id, CAST(NULL AS FLOAT) AS fuel_cost__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_cost__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_cost__ly, CAST(NULL AS FLOAT) AS fuel_cost__prev, CAST(NULL AS FLOAT) AS fuel_cost__cur, CAST(NULL AS FLOAT) AS fuel_cost_diesel__ly, CAST(NULL AS FLOAT) AS fuel_cost_diesel__prev, CAST(NULL AS FLOAT) AS fuel_cost_diesel__cur, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_discount__ly, CAST(NULL AS FLOAT) AS fuel_discount__prev, CAST(NULL AS FLOAT) AS fuel_discount__cur, CAST(NULL AS FLOAT) AS fuel_discount_member__ly, CAST(NULL AS FLOAT) AS fuel_discount_member__prev, CAST(NULL AS FLOAT) AS fuel_discount_member__cur, CAST(NULL AS FLOAT) AS fuel_list_amount__ly, CAST(NULL AS FLOAT) AS fuel_list_amount__prev, CAST(NULL AS FLOAT) AS fuel_list_amount__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_liters__ly, CAST(NULL AS FLOAT) AS fuel_liters__prev, CAST(NULL AS FLOAT) AS fuel_liters__cur, CAST(NULL AS FLOAT) AS fuel_liters_member__ly, CAST(NULL AS FLOAT) AS fuel_liters_member__prev, CAST(NULL AS FLOAT) AS fuel_liters_member__cur, CAST(NULL AS FLOAT) AS fuel_paid__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_paid__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_paid__ly, CAST(NULL AS FLOAT) AS fuel_paid__prev, CAST(NULL AS FLOAT) AS fuel_paid__cur, CAST(NULL AS FLOAT) AS fuel_paid_card__ly, CAST(NULL AS FLOAT) AS fuel_paid_card__prev, CAST(NULL AS FLOAT) AS fuel_paid_card__cur, CAST(NULL AS FLOAT) AS fuel_paid_cash__ly, CAST(NULL AS FLOAT) AS fuel_paid_cash__prev, CAST(NULL AS FLOAT) AS fuel_paid_cash__cur, CAST(NULL AS FLOAT) AS fuel_paid_diesel__ly, CAST(NULL AS FLOAT) AS fuel_paid_diesel__prev, CAST(NULL AS FLOAT) AS fuel_paid_diesel__cur, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20240101_20241015,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20250101_20250915,
  sum(CASE WHEN (daily.day >= %(day_7)s::DATE AND daily.day <= %(day_8)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__ly_ytd,
  sum(CASE WHEN (daily.day >= %(day_9)s::DATE AND daily.day <= %(day_10)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_11)s::DATE AND daily.day <= %(day_12)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__ly,
  sum(CASE WHEN (daily.day >= %(day_13)s::DATE AND daily.day <= %(day_14)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20260101_20260915,
  sum(CASE WHEN (daily.day >= %(day_15)s::DATE AND daily.day <= %(day_16)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__ytd,
  sum(CASE WHEN (daily.day >= %(day_17)s::DATE AND daily.day <= %(day_18)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__d20260801_20260815,
  sum(CASE WHEN (daily.day >= %(day_19)s::DATE AND daily.day <= %(day_20)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__prev,
  sum(CASE WHEN (daily.day >= %(day_21)s::DATE AND daily.day <= %(day_22)s::DATE) THEN daily.fuel_tonnes END) AS fuel_tonnes__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_card__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_card__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_card__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_key__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_key__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_key__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_member__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_member__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_member__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__cur, CAST(NULL AS FLOAT) AS fuel_txn__ly, CAST(NULL AS FLOAT) AS fuel_txn__prev, CAST(NULL AS FLOAT) AS fuel_txn__cur, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__ly, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__prev, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__cur, CAST(NULL AS FLOAT) AS fuel_txn_member__ly, CAST(NULL AS FLOAT) AS fuel_txn_member__prev, CAST(NULL AS FLOAT) AS fuel_txn_member__cur, CAST(NULL AS FLOAT) AS fuel_members_buying__ly, CAST(NULL AS FLOAT) AS fuel_members_buying__prev, CAST(NULL AS FLOAT) AS fuel_members_buying__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum((fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_1)s::INTEGER AS NUMERIC)) AS fuel_tonnes 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id JOIN products ON fuel_sales.product_code = products.product_code 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_1]) OR stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND (fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(fuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT daily.city_id, daily.team_id, daily.station_id,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.fuel_cost END) AS fuel_cost__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.fuel_cost END) AS fuel_cost__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_27)s::DATE AND daily.day <= %(day_28)s::DATE) THEN daily.fuel_cost END) AS fuel_cost__ly,
  sum(CASE WHEN (daily.day >= %(day_29)s::DATE AND daily.day <= %(day_30)s::DATE) THEN daily.fuel_cost END) AS fuel_cost__prev,
  sum(CASE WHEN (daily.day >= %(day_31)s::DATE AND daily.day <= %(day_32)s::DATE) THEN daily.fuel_cost END) AS fuel_cost__cur, CAST(NULL AS FLOAT) AS fuel_cost_diesel__ly, CAST(NULL AS FLOAT) AS fuel_cost_diesel__prev, CAST(NULL AS FLOAT) AS fuel_cost_diesel__cur, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_discount__ly, CAST(NULL AS FLOAT) AS fuel_discount__prev, CAST(NULL AS FLOAT) AS fuel_discount__cur, CAST(NULL AS FLOAT) AS fuel_discount_member__ly, CAST(NULL AS FLOAT) AS fuel_discount_member__prev, CAST(NULL AS FLOAT) AS fuel_discount_member__cur, CAST(NULL AS FLOAT) AS fuel_list_amount__ly, CAST(NULL AS FLOAT) AS fuel_list_amount__prev, CAST(NULL AS FLOAT) AS fuel_list_amount__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_liters__ly, CAST(NULL AS FLOAT) AS fuel_liters__prev, CAST(NULL AS FLOAT) AS fuel_liters__cur, CAST(NULL AS FLOAT) AS fuel_liters_member__ly, CAST(NULL AS FLOAT) AS fuel_liters_member__prev, CAST(NULL AS FLOAT) AS fuel_liters_member__cur,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.fuel_paid END) AS fuel_paid__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.fuel_paid END) AS fuel_paid__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_27)s::DATE AND daily.day <= %(day_28)s::DATE) THEN daily.fuel_paid END) AS fuel_paid__ly,
  sum(CASE WHEN (daily.day >= %(day_29)s::DATE AND daily.day <= %(day_30)s::DATE) THEN daily.fuel_paid END) AS fuel_paid__prev,
  sum(CASE WHEN (daily.day >= %(day_31)s::DATE AND daily.day <= %(day_32)s::DATE) THEN daily.fuel_paid END) AS fuel_paid__cur, CAST(NULL AS FLOAT) AS fuel_paid_card__ly, CAST(NULL AS FLOAT) AS fuel_paid_card__prev, CAST(NULL AS FLOAT) AS fuel_paid_card__cur, CAST(NULL AS FLOAT) AS fuel_paid_cash__ly, CAST(NULL AS FLOAT) AS fuel_paid_cash__prev, CAST(NULL AS FLOAT) AS fuel_paid_cash__cur, CAST(NULL AS FLOAT) AS fuel_paid_diesel__ly, CAST(NULL AS FLOAT) AS fuel_paid_diesel__prev, CAST(NULL AS FLOAT) AS fuel_paid_diesel__cur, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes__d20240101_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250101_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly_ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260101_20260915, CAST(NULL AS FLOAT) AS fuel_tonnes__ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260801_20260815, CAST(NULL AS FLOAT) AS fuel_tonnes__prev, CAST(NULL AS FLOAT) AS fuel_tonnes__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_card__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_card__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_card__cur,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.fuel_tonnes_diesel END) AS fuel_tonnes_diesel__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.fuel_tonnes_diesel END) AS fuel_tonnes_diesel__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_27)s::DATE AND daily.day <= %(day_28)s::DATE) THEN daily.fuel_tonnes_diesel END) AS fuel_tonnes_diesel__ly,
  sum(CASE WHEN (daily.day >= %(day_29)s::DATE AND daily.day <= %(day_30)s::DATE) THEN daily.fuel_tonnes_diesel END) AS fuel_tonnes_diesel__prev,
  sum(CASE WHEN (daily.day >= %(day_31)s::DATE AND daily.day <= %(day_32)s::DATE) THEN daily.fuel_tonnes_diesel END) AS fuel_tonnes_diesel__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__cur,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_27)s::DATE AND daily.day <= %(day_28)s::DATE) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_29)s::DATE AND daily.day <= %(day_30)s::DATE) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_31)s::DATE AND daily.day <= %(day_32)s::DATE) THEN daily.fuel_tonnes_gasoline END) AS fuel_tonnes_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_key__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_key__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_key__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_member__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_member__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_member__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__cur, CAST(NULL AS FLOAT) AS fuel_txn__ly, CAST(NULL AS FLOAT) AS fuel_txn__prev, CAST(NULL AS FLOAT) AS fuel_txn__cur, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__ly, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__prev, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__cur, CAST(NULL AS FLOAT) AS fuel_txn_member__ly, CAST(NULL AS FLOAT) AS fuel_txn_member__prev, CAST(NULL AS FLOAT) AS fuel_txn_member__cur, CAST(NULL AS FLOAT) AS fuel_members_buying__ly, CAST(NULL AS FLOAT) AS fuel_members_buying__prev, CAST(NULL AS FLOAT) AS fuel_members_buying__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum(fuel_sales.liters * purchase_costs.cost_per_liter) AS fuel_cost,
  sum(fuel_sales.paid_amount) AS fuel_paid,
  sum(CASE WHEN (products.kind = %(kind_1)s::VARCHAR) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_2)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_diesel,
  sum(CASE WHEN (products.kind = %(kind_2)s::VARCHAR) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_3)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_gasoline 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id JOIN products ON fuel_sales.product_code = products.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc('month', fuel_sales.ts) AS DATE) 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_2]) OR stations.team_id IN (__[POSTCOMPILE_team_id_2]) OR stations.station_id IN (__[POSTCOMPILE_station_id_2])) AND (fuel_sales.ts >= %(ts_7)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_8)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_9)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_10)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_11)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_12)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_13)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_14)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_15)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_16)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(fuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT daily.city_id, daily.team_id, daily.station_id, CAST(NULL AS FLOAT) AS fuel_cost__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_cost__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_cost__ly, CAST(NULL AS FLOAT) AS fuel_cost__prev, CAST(NULL AS FLOAT) AS fuel_cost__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_cost_diesel END) AS fuel_cost_diesel__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_cost_diesel END) AS fuel_cost_diesel__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_cost_diesel END) AS fuel_cost_diesel__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_cost_gasoline END) AS fuel_cost_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_cost_gasoline END) AS fuel_cost_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_cost_gasoline END) AS fuel_cost_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_discount END) AS fuel_discount__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_discount END) AS fuel_discount__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_discount END) AS fuel_discount__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_discount_member END) AS fuel_discount_member__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_discount_member END) AS fuel_discount_member__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_discount_member END) AS fuel_discount_member__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_list_amount END) AS fuel_list_amount__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_list_amount END) AS fuel_list_amount__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_list_amount END) AS fuel_list_amount__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_list_amount_diesel END) AS fuel_list_amount_diesel__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_list_amount_diesel END) AS fuel_list_amount_diesel__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_list_amount_diesel END) AS fuel_list_amount_diesel__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_list_amount_gasoline END) AS fuel_list_amount_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_list_amount_gasoline END) AS fuel_list_amount_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_list_amount_gasoline END) AS fuel_list_amount_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_liters END) AS fuel_liters__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_liters END) AS fuel_liters__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_liters END) AS fuel_liters__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_liters_member END) AS fuel_liters_member__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_liters_member END) AS fuel_liters_member__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_liters_member END) AS fuel_liters_member__cur, CAST(NULL AS FLOAT) AS fuel_paid__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_paid__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_paid__ly, CAST(NULL AS FLOAT) AS fuel_paid__prev, CAST(NULL AS FLOAT) AS fuel_paid__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_paid_card END) AS fuel_paid_card__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_paid_card END) AS fuel_paid_card__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_paid_card END) AS fuel_paid_card__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_paid_cash END) AS fuel_paid_cash__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_paid_cash END) AS fuel_paid_cash__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_paid_cash END) AS fuel_paid_cash__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_paid_diesel END) AS fuel_paid_diesel__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_paid_diesel END) AS fuel_paid_diesel__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_paid_diesel END) AS fuel_paid_diesel__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_paid_gasoline END) AS fuel_paid_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_paid_gasoline END) AS fuel_paid_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_paid_gasoline END) AS fuel_paid_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes__d20240101_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250101_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly_ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260101_20260915, CAST(NULL AS FLOAT) AS fuel_tonnes__ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260801_20260815, CAST(NULL AS FLOAT) AS fuel_tonnes__prev, CAST(NULL AS FLOAT) AS fuel_tonnes__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_card END) AS fuel_tonnes_card__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_card END) AS fuel_tonnes_card__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_card END) AS fuel_tonnes_card__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_discounted END) AS fuel_tonnes_discounted__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_discounted END) AS fuel_tonnes_discounted__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_discounted END) AS fuel_tonnes_discounted__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_fleet END) AS fuel_tonnes_fleet__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_fleet END) AS fuel_tonnes_fleet__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_fleet END) AS fuel_tonnes_fleet__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_g98 END) AS fuel_tonnes_g98__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_g98 END) AS fuel_tonnes_g98__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_g98 END) AS fuel_tonnes_g98__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_key END) AS fuel_tonnes_key__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_key END) AS fuel_tonnes_key__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_key END) AS fuel_tonnes_key__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_member END) AS fuel_tonnes_member__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_tonnes_premium END) AS fuel_tonnes_premium__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_tonnes_premium END) AS fuel_tonnes_premium__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_tonnes_premium END) AS fuel_tonnes_premium__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_txn END) AS fuel_txn__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_txn END) AS fuel_txn__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_txn END) AS fuel_txn__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_txn_abnormal_discount END) AS fuel_txn_abnormal_discount__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_txn_abnormal_discount END) AS fuel_txn_abnormal_discount__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_txn_abnormal_discount END) AS fuel_txn_abnormal_discount__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_txn_gasoline END) AS fuel_txn_gasoline__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_txn_gasoline END) AS fuel_txn_gasoline__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_txn_gasoline END) AS fuel_txn_gasoline__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_txn_gasoline_round10 END) AS fuel_txn_gasoline_round10__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_txn_gasoline_round10 END) AS fuel_txn_gasoline_round10__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_txn_gasoline_round10 END) AS fuel_txn_gasoline_round10__cur,
  sum(CASE WHEN (daily.day >= %(day_33)s::DATE AND daily.day <= %(day_34)s::DATE) THEN daily.fuel_txn_member END) AS fuel_txn_member__ly,
  sum(CASE WHEN (daily.day >= %(day_35)s::DATE AND daily.day <= %(day_36)s::DATE) THEN daily.fuel_txn_member END) AS fuel_txn_member__prev,
  sum(CASE WHEN (daily.day >= %(day_37)s::DATE AND daily.day <= %(day_38)s::DATE) THEN daily.fuel_txn_member END) AS fuel_txn_member__cur, CAST(NULL AS FLOAT) AS fuel_members_buying__ly, CAST(NULL AS FLOAT) AS fuel_members_buying__prev, CAST(NULL AS FLOAT) AS fuel_members_buying__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum(CASE WHEN (products.kind = %(kind_1)s::VARCHAR) THEN fuel_sales.liters * purchase_costs.cost_per_liter END) AS fuel_cost_diesel,
  sum(CASE WHEN (products.kind = %(kind_2)s::VARCHAR) THEN fuel_sales.liters * purchase_costs.cost_per_liter END) AS fuel_cost_gasoline,
  sum(fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount) AS fuel_discount,
  sum(CASE WHEN (fuel_sales.customer_id IS NOT NULL) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount END) AS fuel_discount_member,
  sum(fuel_sales.liters * fuel_sales.list_price) AS fuel_list_amount,
  sum(CASE WHEN (products.kind = %(kind_1)s::VARCHAR) THEN fuel_sales.liters * fuel_sales.list_price END) AS fuel_list_amount_diesel,
  sum(CASE WHEN (products.kind = %(kind_2)s::VARCHAR) THEN fuel_sales.liters * fuel_sales.list_price END) AS fuel_list_amount_gasoline,
  sum(fuel_sales.liters) AS fuel_liters,
  sum(CASE WHEN (fuel_sales.customer_id IS NOT NULL) THEN fuel_sales.liters END) AS fuel_liters_member,
  sum(CASE WHEN (fuel_sales.payment_method = %(payment_method_1)s::VARCHAR) THEN fuel_sales.paid_amount END) AS fuel_paid_card,
  sum(CASE WHEN (fuel_sales.payment_method = %(payment_method_2)s::VARCHAR) THEN fuel_sales.paid_amount END) AS fuel_paid_cash,
  sum(CASE WHEN (products.kind = %(kind_1)s::VARCHAR) THEN fuel_sales.paid_amount END) AS fuel_paid_diesel,
  sum(CASE WHEN (products.kind = %(kind_2)s::VARCHAR) THEN fuel_sales.paid_amount END) AS fuel_paid_gasoline,
  sum(CASE WHEN (fuel_sales.payment_method = %(payment_method_1)s::VARCHAR) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_4)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_card,
  sum(CASE WHEN (fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount > %(param_5)s) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_6)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_discounted,
  sum(CASE WHEN (customers.kind = %(kind_3)s::VARCHAR) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_7)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_fleet,
  sum(CASE WHEN (fuel_sales.product_code = %(product_code_1)s::VARCHAR) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_8)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_g98,
  sum(CASE WHEN (customers.grade IN (__[POSTCOMPILE_grade_1])) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_9)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_key,
  sum(CASE WHEN (fuel_sales.customer_id IS NOT NULL) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_10)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_member,
  sum(CASE WHEN (fuel_sales.product_code IN (__[POSTCOMPILE_product_code_2])) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_11)s::INTEGER AS NUMERIC) END) AS fuel_tonnes_premium,
  count(1) AS fuel_txn,
  count(CASE WHEN (fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount > fuel_sales.liters * fuel_sales.list_price * %(param_12)s) THEN 1 END) AS fuel_txn_abnormal_discount,
  count(CASE WHEN (products.kind = %(kind_2)s::VARCHAR) THEN 1 END) AS fuel_txn_gasoline,
  count(CASE WHEN (products.kind = %(kind_4)s::VARCHAR AND abs(fuel_sales.liters * fuel_sales.list_price - round((fuel_sales.liters * fuel_sales.list_price) / CAST(%(param_13)s::INTEGER AS NUMERIC)) * %(round_1)s::INTEGER) < %(abs_1)s) THEN 1 END) AS fuel_txn_gasoline_round10,
  count(CASE WHEN (fuel_sales.customer_id IS NOT NULL) THEN 1 END) AS fuel_txn_member 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id JOIN products ON fuel_sales.product_code = products.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc('month', fuel_sales.ts) AS DATE) LEFT OUTER JOIN customers ON fuel_sales.customer_id = customers.customer_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_3]) OR stations.team_id IN (__[POSTCOMPILE_team_id_3]) OR stations.station_id IN (__[POSTCOMPILE_station_id_3])) AND (fuel_sales.ts >= %(ts_17)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_18)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_19)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_20)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_21)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_22)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(fuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT seen.city_id, seen.team_id, seen.station_id, CAST(NULL AS FLOAT) AS fuel_cost__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_cost__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_cost__ly, CAST(NULL AS FLOAT) AS fuel_cost__prev, CAST(NULL AS FLOAT) AS fuel_cost__cur, CAST(NULL AS FLOAT) AS fuel_cost_diesel__ly, CAST(NULL AS FLOAT) AS fuel_cost_diesel__prev, CAST(NULL AS FLOAT) AS fuel_cost_diesel__cur, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_cost_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_discount__ly, CAST(NULL AS FLOAT) AS fuel_discount__prev, CAST(NULL AS FLOAT) AS fuel_discount__cur, CAST(NULL AS FLOAT) AS fuel_discount_member__ly, CAST(NULL AS FLOAT) AS fuel_discount_member__prev, CAST(NULL AS FLOAT) AS fuel_discount_member__cur, CAST(NULL AS FLOAT) AS fuel_list_amount__ly, CAST(NULL AS FLOAT) AS fuel_list_amount__prev, CAST(NULL AS FLOAT) AS fuel_list_amount__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_diesel__cur, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_list_amount_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_liters__ly, CAST(NULL AS FLOAT) AS fuel_liters__prev, CAST(NULL AS FLOAT) AS fuel_liters__cur, CAST(NULL AS FLOAT) AS fuel_liters_member__ly, CAST(NULL AS FLOAT) AS fuel_liters_member__prev, CAST(NULL AS FLOAT) AS fuel_liters_member__cur, CAST(NULL AS FLOAT) AS fuel_paid__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_paid__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_paid__ly, CAST(NULL AS FLOAT) AS fuel_paid__prev, CAST(NULL AS FLOAT) AS fuel_paid__cur, CAST(NULL AS FLOAT) AS fuel_paid_card__ly, CAST(NULL AS FLOAT) AS fuel_paid_card__prev, CAST(NULL AS FLOAT) AS fuel_paid_card__cur, CAST(NULL AS FLOAT) AS fuel_paid_cash__ly, CAST(NULL AS FLOAT) AS fuel_paid_cash__prev, CAST(NULL AS FLOAT) AS fuel_paid_cash__cur, CAST(NULL AS FLOAT) AS fuel_paid_diesel__ly, CAST(NULL AS FLOAT) AS fuel_paid_diesel__prev, CAST(NULL AS FLOAT) AS fuel_paid_diesel__cur, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_paid_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes__d20240101_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250101_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly_ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes__ly, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260101_20260915, CAST(NULL AS FLOAT) AS fuel_tonnes__ytd, CAST(NULL AS FLOAT) AS fuel_tonnes__d20260801_20260815, CAST(NULL AS FLOAT) AS fuel_tonnes__prev, CAST(NULL AS FLOAT) AS fuel_tonnes__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_card__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_card__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_card__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_diesel__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_discounted__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_fleet__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_g98__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20241001_20241015, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__d20250901_20250915, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_key__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_key__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_key__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_member__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_member__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_member__cur, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__ly, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__prev, CAST(NULL AS FLOAT) AS fuel_tonnes_premium__cur, CAST(NULL AS FLOAT) AS fuel_txn__ly, CAST(NULL AS FLOAT) AS fuel_txn__prev, CAST(NULL AS FLOAT) AS fuel_txn__cur, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__ly, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__prev, CAST(NULL AS FLOAT) AS fuel_txn_abnormal_discount__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline__cur, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__ly, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__prev, CAST(NULL AS FLOAT) AS fuel_txn_gasoline_round10__cur, CAST(NULL AS FLOAT) AS fuel_txn_member__ly, CAST(NULL AS FLOAT) AS fuel_txn_member__prev, CAST(NULL AS FLOAT) AS fuel_txn_member__cur,
  count(DISTINCT CASE WHEN (seen.w0 = %(w0_1)s::INTEGER) THEN seen.v END) AS fuel_members_buying__ly,
  count(DISTINCT CASE WHEN (seen.w1 = %(w1_1)s::INTEGER) THEN seen.v END) AS fuel_members_buying__prev,
  count(DISTINCT CASE WHEN (seen.w2 = %(w2_1)s::INTEGER) THEN seen.v END) AS fuel_members_buying__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, fuel_sales.customer_id AS v, max(CASE WHEN (fuel_sales.ts >= %(ts_23)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_24)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w0, max(CASE WHEN (fuel_sales.ts >= %(ts_25)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_26)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w1, max(CASE WHEN (fuel_sales.ts >= %(ts_27)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_28)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w2 
FROM fuel_sales JOIN stations ON fuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_4]) OR stations.team_id IN (__[POSTCOMPILE_team_id_4]) OR stations.station_id IN (__[POSTCOMPILE_station_id_4])) AND (fuel_sales.ts >= %(ts_29)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_30)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_31)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_32)s::TIMESTAMP WITHOUT TIME ZONE OR fuel_sales.ts >= %(ts_33)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_34)s::TIMESTAMP WITHOUT TIME ZONE) AND fuel_sales.customer_id IS NOT NULL GROUP BY stations.city_id, stations.team_id, stations.station_id, fuel_sales.customer_id) AS seen GROUP BY GROUPING SETS(seen.city_id, seen.team_id, seen.station_id);
-- params:
--   abs_1 = 0.005
--   city_id_1 = ['C1']
--   city_id_2 = ['C1']
--   city_id_3 = ['C1']
--   city_id_4 = ['C1']
--   day_1 = datetime.date(2024, 1, 1)
--   day_10 = datetime.date(2025, 9, 15)
--   day_11 = datetime.date(2025, 10, 1)
--   day_12 = datetime.date(2025, 10, 15)
--   day_13 = datetime.date(2026, 1, 1)
--   day_14 = datetime.date(2026, 9, 15)
--   day_15 = datetime.date(2026, 1, 1)
--   day_16 = datetime.date(2026, 10, 15)
--   day_17 = datetime.date(2026, 8, 1)
--   day_18 = datetime.date(2026, 8, 15)
--   day_19 = datetime.date(2026, 9, 1)
--   day_2 = datetime.date(2024, 10, 15)
--   day_20 = datetime.date(2026, 9, 15)
--   day_21 = datetime.date(2026, 10, 1)
--   day_22 = datetime.date(2026, 10, 15)
--   day_23 = datetime.date(2024, 10, 1)
--   day_24 = datetime.date(2024, 10, 15)
--   day_25 = datetime.date(2025, 9, 1)
--   day_26 = datetime.date(2025, 9, 15)
--   day_27 = datetime.date(2025, 10, 1)
--   day_28 = datetime.date(2025, 10, 15)
--   day_29 = datetime.date(2026, 9, 1)
--   day_3 = datetime.date(2024, 10, 1)
--   day_30 = datetime.date(2026, 9, 15)
--   day_31 = datetime.date(2026, 10, 1)
--   day_32 = datetime.date(2026, 10, 15)
--   day_33 = datetime.date(2025, 10, 1)
--   day_34 = datetime.date(2025, 10, 15)
--   day_35 = datetime.date(2026, 9, 1)
--   day_36 = datetime.date(2026, 9, 15)
--   day_37 = datetime.date(2026, 10, 1)
--   day_38 = datetime.date(2026, 10, 15)
--   day_4 = datetime.date(2024, 10, 15)
--   day_5 = datetime.date(2025, 1, 1)
--   day_6 = datetime.date(2025, 9, 15)
--   day_7 = datetime.date(2025, 1, 1)
--   day_8 = datetime.date(2025, 10, 15)
--   day_9 = datetime.date(2025, 9, 1)
--   grade_1 = ['gold', 'platinum', 'diamond']
--   kind_1 = 'diesel'
--   kind_2 = 'gasoline'
--   kind_3 = 'fleet'
--   kind_4 = 'gasoline'
--   param_1 = 1000
--   param_10 = 1000
--   param_11 = 1000
--   param_12 = 0.08
--   param_13 = 10
--   param_2 = 1000
--   param_3 = 1000
--   param_4 = 1000
--   param_5 = 0.005
--   param_6 = 1000
--   param_7 = 1000
--   param_8 = 1000
--   param_9 = 1000
--   payment_method_1 = 'card'
--   payment_method_2 = 'cash'
--   product_code_1 = 'G98'
--   product_code_2 = ['G95', 'G98']
--   round_1 = 10
--   station_id_1 = ['S1', 'S2']
--   station_id_2 = ['S1', 'S2']
--   station_id_3 = ['S1', 'S2']
--   station_id_4 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']
--   team_id_2 = ['T1', 'T2']
--   team_id_3 = ['T1', 'T2']
--   team_id_4 = ['T1', 'T2']
--   ts_1 = datetime.datetime(2024, 1, 1, 0, 0)
--   ts_10 = datetime.datetime(2025, 9, 16, 0, 0)
--   ts_11 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_12 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_13 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_14 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_15 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_16 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_17 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_18 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_19 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_2 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_20 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_21 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_22 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_23 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_24 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_25 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_26 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_27 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_28 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_29 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_3 = datetime.datetime(2025, 1, 1, 0, 0)
--   ts_30 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_31 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_32 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_33 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_34 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_4 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 1, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_7 = datetime.datetime(2024, 10, 1, 0, 0)
--   ts_8 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_9 = datetime.datetime(2025, 9, 1, 0, 0)
--   w0_1 = 1
--   w1_1 = 1
--   w2_1 = 1

SELECT daily.city_id, daily.team_id, daily.station_id, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_qty__ly, CAST(NULL AS FLOAT) AS nonfuel_qty__prev, CAST(NULL AS FLOAT) AS nonfuel_qty__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__ly_ytd,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_7)s::DATE AND daily.day <= %(day_8)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_9)s::DATE AND daily.day <= %(day_10)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__d20260101_20260915,
  sum(CASE WHEN (daily.day >= %(day_11)s::DATE AND daily.day <= %(day_12)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__ytd,
  sum(CASE WHEN (daily.day >= %(day_13)s::DATE AND daily.day <= %(day_14)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_15)s::DATE AND daily.day <= %(day_16)s::DATE) THEN daily.nonfuel_revenue_sum END) AS nonfuel_revenue_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_baskets__ly, CAST(NULL AS FLOAT) AS nonfuel_baskets__prev, CAST(NULL AS FLOAT) AS nonfuel_baskets__cur, CAST(NULL AS FLOAT) AS nonfuel_station_categories__ly, CAST(NULL AS FLOAT) AS nonfuel_station_categories__prev, CAST(NULL AS FLOAT) AS nonfuel_station_categories__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(nonfuel_sales.ts AS DATE) AS day,
  sum(nonfuel_sales.revenue) AS nonfuel_revenue_sum 
FROM nonfuel_sales JOIN stations ON nonfuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_1]) OR stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND (nonfuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(nonfuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT daily.city_id, daily.team_id, daily.station_id,
  sum(CASE WHEN (daily.day >= %(day_17)s::DATE AND daily.day <= %(day_18)s::DATE) THEN daily.nonfuel_cost_sum END) AS nonfuel_cost_sum__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_19)s::DATE AND daily.day <= %(day_20)s::DATE) THEN daily.nonfuel_cost_sum END) AS nonfuel_cost_sum__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_21)s::DATE AND daily.day <= %(day_22)s::DATE) THEN daily.nonfuel_cost_sum END) AS nonfuel_cost_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.nonfuel_cost_sum END) AS nonfuel_cost_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.nonfuel_cost_sum END) AS nonfuel_cost_sum__cur,
  sum(CASE WHEN (daily.day >= %(day_21)s::DATE AND daily.day <= %(day_22)s::DATE) THEN daily.nonfuel_qty END) AS nonfuel_qty__ly,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.nonfuel_qty END) AS nonfuel_qty__prev,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.nonfuel_qty END) AS nonfuel_qty__cur,
  sum(CASE WHEN (daily.day >= %(day_21)s::DATE AND daily.day <= %(day_22)s::DATE) THEN daily.nonfuel_revenue_lubricant END) AS nonfuel_revenue_lubricant__ly,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.nonfuel_revenue_lubricant END) AS nonfuel_revenue_lubricant__prev,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.nonfuel_revenue_lubricant END) AS nonfuel_revenue_lubricant__cur,
  sum(CASE WHEN (daily.day >= %(day_21)s::DATE AND daily.day <= %(day_22)s::DATE) THEN daily.nonfuel_revenue_own_brand END) AS nonfuel_revenue_own_brand__ly,
  sum(CASE WHEN (daily.day >= %(day_23)s::DATE AND daily.day <= %(day_24)s::DATE) THEN daily.nonfuel_revenue_own_brand END) AS nonfuel_revenue_own_brand__prev,
  sum(CASE WHEN (daily.day >= %(day_25)s::DATE AND daily.day <= %(day_26)s::DATE) THEN daily.nonfuel_revenue_own_brand END) AS nonfuel_revenue_own_brand__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly_ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20260101_20260915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_baskets__ly, CAST(NULL AS FLOAT) AS nonfuel_baskets__prev, CAST(NULL AS FLOAT) AS nonfuel_baskets__cur, CAST(NULL AS FLOAT) AS nonfuel_station_categories__ly, CAST(NULL AS FLOAT) AS nonfuel_station_categories__prev, CAST(NULL AS FLOAT) AS nonfuel_station_categories__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, CAST(nonfuel_sales.ts AS DATE) AS day,
  sum(nonfuel_sales.cost) AS nonfuel_cost_sum,
  sum(nonfuel_sales.qty) AS nonfuel_qty,
  sum(CASE WHEN (nonfuel_sales.category = %(category_1)s::VARCHAR) THEN nonfuel_sales.revenue END) AS nonfuel_revenue_lubricant,
  sum(CASE WHEN (nonfuel_sales.category = %(category_2)s::VARCHAR) THEN nonfuel_sales.revenue END) AS nonfuel_revenue_own_brand 
FROM nonfuel_sales JOIN stations ON nonfuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_2]) OR stations.team_id IN (__[POSTCOMPILE_team_id_2]) OR stations.station_id IN (__[POSTCOMPILE_station_id_2])) AND (nonfuel_sales.ts >= %(ts_7)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_8)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_9)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_10)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_11)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_12)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_13)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_14)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_15)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_16)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.city_id, stations.team_id, stations.station_id, CAST(nonfuel_sales.ts AS DATE)) AS daily GROUP BY GROUPING SETS(daily.city_id, daily.team_id, daily.station_id) UNION ALL SELECT seen.city_id, seen.team_id, seen.station_id, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_qty__ly, CAST(NULL AS FLOAT) AS nonfuel_qty__prev, CAST(NULL AS FLOAT) AS nonfuel_qty__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly_ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20260101_20260915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__cur,
  count(DISTINCT CASE WHEN (seen.w0 = %(w0_1)s::INTEGER) THEN seen.v END) AS nonfuel_baskets__ly,
  count(DISTINCT CASE WHEN (seen.w1 = %(w1_1)s::INTEGER) THEN seen.v END) AS nonfuel_baskets__prev,
  count(DISTINCT CASE WHEN (seen.w2 = %(w2_1)s::INTEGER) THEN seen.v END) AS nonfuel_baskets__cur, CAST(NULL AS FLOAT) AS nonfuel_station_categories__ly, CAST(NULL AS FLOAT) AS nonfuel_station_categories__prev, CAST(NULL AS FLOAT) AS nonfuel_station_categories__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, nonfuel_sales.basket_id AS v, max(CASE WHEN (nonfuel_sales.ts >= %(ts_17)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_18)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w0, max(CASE WHEN (nonfuel_sales.ts >= %(ts_19)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_20)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w1, max(CASE WHEN (nonfuel_sales.ts >= %(ts_21)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_22)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w2 
FROM nonfuel_sales JOIN stations ON nonfuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_3]) OR stations.team_id IN (__[POSTCOMPILE_team_id_3]) OR stations.station_id IN (__[POSTCOMPILE_station_id_3])) AND (nonfuel_sales.ts >= %(ts_23)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_24)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_25)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_26)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_27)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_28)s::TIMESTAMP WITHOUT TIME ZONE) AND nonfuel_sales.basket_id IS NOT NULL GROUP BY stations.city_id, stations.team_id, stations.station_id, nonfuel_sales.basket_id) AS seen GROUP BY GROUPING SETS(seen.city_id, seen.team_id, seen.station_id) UNION ALL SELECT seen.city_id, seen.team_id, seen.station_id, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_cost_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_qty__ly, CAST(NULL AS FLOAT) AS nonfuel_qty__prev, CAST(NULL AS FLOAT) AS nonfuel_qty__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_lubricant__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_own_brand__cur, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly_ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ly, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__d20260101_20260915, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__ytd, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__prev, CAST(NULL AS FLOAT) AS nonfuel_revenue_sum__cur, CAST(NULL AS FLOAT) AS nonfuel_baskets__ly, CAST(NULL AS FLOAT) AS nonfuel_baskets__prev, CAST(NULL AS FLOAT) AS nonfuel_baskets__cur,
  count(DISTINCT CASE WHEN (seen.w0 = %(w0_2)s::INTEGER) THEN seen.v END) AS nonfuel_station_categories__ly,
  count(DISTINCT CASE WHEN (seen.w1 = %(w1_2)s::INTEGER) THEN seen.v END) AS nonfuel_station_categories__prev,
  count(DISTINCT CASE WHEN (seen.w2 = %(w2_2)s::INTEGER) THEN seen.v END) AS nonfuel_station_categories__cur 
FROM (SELECT stations.city_id AS city_id, stations.team_id AS team_id, stations.station_id AS station_id, concat(CAST(nonfuel_sales.station_id AS VARCHAR), '|', CAST(nonfuel_sales.category AS VARCHAR)) AS v, max(CASE WHEN (nonfuel_sales.ts >= %(ts_17)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_18)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w0, max(CASE WHEN (nonfuel_sales.ts >= %(ts_19)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_20)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w1, max(CASE WHEN (nonfuel_sales.ts >= %(ts_21)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_22)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w2 
FROM nonfuel_sales JOIN stations ON nonfuel_sales.station_id = stations.station_id 
WHERE (stations.city_id IN (__[POSTCOMPILE_city_id_4]) OR stations.team_id IN (__[POSTCOMPILE_team_id_4]) OR stations.station_id IN (__[POSTCOMPILE_station_id_4])) AND (nonfuel_sales.ts >= %(ts_29)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_30)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_31)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_32)s::TIMESTAMP WITHOUT TIME ZONE OR nonfuel_sales.ts >= %(ts_33)s::TIMESTAMP WITHOUT TIME ZONE AND nonfuel_sales.ts < %(ts_34)s::TIMESTAMP WITHOUT TIME ZONE) AND concat(CAST(nonfuel_sales.station_id AS VARCHAR), '|', CAST(nonfuel_sales.category AS VARCHAR)) IS NOT NULL GROUP BY stations.city_id, stations.team_id, stations.station_id, concat(CAST(nonfuel_sales.station_id AS VARCHAR), '|', CAST(nonfuel_sales.category AS VARCHAR))) AS seen GROUP BY GROUPING SETS(seen.city_id, seen.team_id, seen.station_id);
-- params:
--   category_1 = 'lubricant'
--   category_2 = 'own_brand'
--   city_id_1 = ['C1']
--   city_id_2 = ['C1']
--   city_id_3 = ['C1']
--   city_id_4 = ['C1']
--   day_1 = datetime.date(2024, 10, 1)
--   day_10 = datetime.date(2026, 9, 15)
--   day_11 = datetime.date(2026, 1, 1)
--   day_12 = datetime.date(2026, 10, 15)
--   day_13 = datetime.date(2026, 9, 1)
--   day_14 = datetime.date(2026, 9, 15)
--   day_15 = datetime.date(2026, 10, 1)
--   day_16 = datetime.date(2026, 10, 15)
--   day_17 = datetime.date(2024, 10, 1)
--   day_18 = datetime.date(2024, 10, 15)
--   day_19 = datetime.date(2025, 9, 1)
--   day_2 = datetime.date(2024, 10, 15)
--   day_20 = datetime.date(2025, 9, 15)
--   day_21 = datetime.date(2025, 10, 1)
--   day_22 = datetime.date(2025, 10, 15)
--   day_23 = datetime.date(2026, 9, 1)
--   day_24 = datetime.date(2026, 9, 15)
--   day_25 = datetime.date(2026, 10, 1)
--   day_26 = datetime.date(2026, 10, 15)
--   day_3 = datetime.date(2025, 1, 1)
--   day_4 = datetime.date(2025, 10, 15)
--   day_5 = datetime.date(2025, 9, 1)
--   day_6 = datetime.date(2025, 9, 15)
--   day_7 = datetime.date(2025, 10, 1)
--   day_8 = datetime.date(2025, 10, 15)
--   day_9 = datetime.date(2026, 1, 1)
--   station_id_1 = ['S1', 'S2']
--   station_id_2 = ['S1', 'S2']
--   station_id_3 = ['S1', 'S2']
--   station_id_4 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']
--   team_id_2 = ['T1', 'T2']
--   team_id_3 = ['T1', 'T2']
--   team_id_4 = ['T1', 'T2']
--   ts_1 = datetime.datetime(2024, 10, 1, 0, 0)
--   ts_10 = datetime.datetime(2025, 9, 16, 0, 0)
--   ts_11 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_12 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_13 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_14 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_15 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_16 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_17 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_18 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_19 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_2 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_20 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_21 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_22 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_23 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_24 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_25 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_26 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_27 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_28 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_29 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_3 = datetime.datetime(2025, 1, 1, 0, 0)
--   ts_30 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_31 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_32 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_33 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_34 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_4 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 1, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_7 = datetime.datetime(2024, 10, 1, 0, 0)
--   ts_8 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_9 = datetime.datetime(2025, 9, 1, 0, 0)
--   w0_1 = 1
--   w0_2 = 1
--   w1_1 = 1
--   w1_2 = 1
--   w2_1 = 1
--   w2_2 = 1

SELECT stations.team_id, stations.station_id,
  sum(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN plans.target END) AS plan__diesel_volume_t__d20251001_20251031,
  sum(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN plans.target END) AS plan__diesel_volume_t__d20260901_20260930,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN plans.target END) AS plan__diesel_volume_t__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_2)s::VARCHAR) THEN plans.target END) AS plan__expenses__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_7)s::DATE AND plans.month <= %(month_8)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN plans.target END) AS plan__fuel_volume_t__d20250101_20251231,
  sum(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN plans.target END) AS plan__fuel_volume_t__d20251001_20251031,
  sum(CASE WHEN (plans.month >= %(month_9)s::DATE AND plans.month <= %(month_10)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN plans.target END) AS plan__fuel_volume_t__d20260101_20261231,
  sum(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN plans.target END) AS plan__fuel_volume_t__d20260901_20260930,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN plans.target END) AS plan__fuel_volume_t__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN plans.target END) AS plan__gasoline_volume_t__d20251001_20251031,
  sum(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN plans.target END) AS plan__gasoline_volume_t__d20260901_20260930,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN plans.target END) AS plan__gasoline_volume_t__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_5)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_gross_profit__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_7)s::DATE AND plans.month <= %(month_8)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_revenue__d20250101_20251231,
  sum(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_revenue__d20251001_20251031,
  sum(CASE WHEN (plans.month >= %(month_9)s::DATE AND plans.month <= %(month_10)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_revenue__d20260101_20261231,
  sum(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_revenue__d20260901_20260930,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN plans.target END) AS plan__nonfuel_revenue__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_7)s::VARCHAR) THEN plans.target END) AS plan__operating_profit__d20261001_20261031,
  sum(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_8)s::VARCHAR) THEN plans.target END) AS plan__recharge_amount__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN 1 END) AS plan_n__diesel_volume_t__d20251001_20251031,
  count(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN 1 END) AS plan_n__diesel_volume_t__d20260901_20260930,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_1)s::VARCHAR) THEN 1 END) AS plan_n__diesel_volume_t__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_2)s::VARCHAR) THEN 1 END) AS plan_n__expenses__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_7)s::DATE AND plans.month <= %(month_8)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN 1 END) AS plan_n__fuel_volume_t__d20250101_20251231,
  count(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN 1 END) AS plan_n__fuel_volume_t__d20251001_20251031,
  count(CASE WHEN (plans.month >= %(month_9)s::DATE AND plans.month <= %(month_10)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN 1 END) AS plan_n__fuel_volume_t__d20260101_20261231,
  count(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN 1 END) AS plan_n__fuel_volume_t__d20260901_20260930,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_3)s::VARCHAR) THEN 1 END) AS plan_n__fuel_volume_t__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN 1 END) AS plan_n__gasoline_volume_t__d20251001_20251031,
  count(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN 1 END) AS plan_n__gasoline_volume_t__d20260901_20260930,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_4)s::VARCHAR) THEN 1 END) AS plan_n__gasoline_volume_t__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_5)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_gross_profit__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_7)s::DATE AND plans.month <= %(month_8)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_revenue__d20250101_20251231,
  count(CASE WHEN (plans.month >= %(month_1)s::DATE AND plans.month <= %(month_2)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_revenue__d20251001_20251031,
  count(CASE WHEN (plans.month >= %(month_9)s::DATE AND plans.month <= %(month_10)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_revenue__d20260101_20261231,
  count(CASE WHEN (plans.month >= %(month_3)s::DATE AND plans.month <= %(month_4)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_revenue__d20260901_20260930,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_6)s::VARCHAR) THEN 1 END) AS plan_n__nonfuel_revenue__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_7)s::VARCHAR) THEN 1 END) AS plan_n__operating_profit__d20261001_20261031,
  count(CASE WHEN (plans.month >= %(month_5)s::DATE AND plans.month <= %(month_6)s::DATE AND plans.measure = %(measure_8)s::VARCHAR) THEN 1 END) AS plan_n__recharge_amount__d20261001_20261031 
FROM plans JOIN stations ON plans.station_id = stations.station_id 
WHERE (stations.team_id IN (__[POSTCOMPILE_team_id_1]) OR stations.station_id IN (__[POSTCOMPILE_station_id_1])) AND plans.month >= %(month_11)s::DATE AND plans.month <= %(month_12)s::DATE GROUP BY GROUPING SETS(stations.team_id, stations.station_id) ORDER BY stations.team_id, stations.station_id;
-- params:
--   measure_1 = 'diesel_volume_t'
--   measure_2 = 'expenses'
--   measure_3 = 'fuel_volume_t'
--   measure_4 = 'gasoline_volume_t'
--   measure_5 = 'nonfuel_gross_profit'
--   measure_6 = 'nonfuel_revenue'
--   measure_7 = 'operating_profit'
--   measure_8 = 'recharge_amount'
--   month_1 = datetime.date(2025, 10, 1)
--   month_10 = datetime.date(2026, 12, 31)
--   month_11 = datetime.date(2025, 1, 1)
--   month_12 = datetime.date(2026, 12, 31)
--   month_2 = datetime.date(2025, 10, 31)
--   month_3 = datetime.date(2026, 9, 1)
--   month_4 = datetime.date(2026, 9, 30)
--   month_5 = datetime.date(2026, 10, 1)
--   month_6 = datetime.date(2026, 10, 31)
--   month_7 = datetime.date(2025, 1, 1)
--   month_8 = datetime.date(2025, 12, 31)
--   month_9 = datetime.date(2026, 1, 1)
--   station_id_1 = ['S1', 'S2']
--   team_id_1 = ['T1', 'T2']

SELECT daily.team_id,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.recharge_bonus_sum END) AS recharge_bonus_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.recharge_bonus_sum END) AS recharge_bonus_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.recharge_bonus_sum END) AS recharge_bonus_sum__cur,
  sum(CASE WHEN (daily.day >= %(day_7)s::DATE AND daily.day <= %(day_8)s::DATE) THEN daily.recharge_sum END) AS recharge_sum__d20241001_20241015,
  sum(CASE WHEN (daily.day >= %(day_9)s::DATE AND daily.day <= %(day_10)s::DATE) THEN daily.recharge_sum END) AS recharge_sum__d20250901_20250915,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.recharge_sum END) AS recharge_sum__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.recharge_sum END) AS recharge_sum__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.recharge_sum END) AS recharge_sum__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.recharge_txn END) AS recharge_txn__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.recharge_txn END) AS recharge_txn__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.recharge_txn END) AS recharge_txn__cur,
  sum(CASE WHEN (daily.day >= %(day_1)s::DATE AND daily.day <= %(day_2)s::DATE) THEN daily.recharge_txn_large END) AS recharge_txn_large__ly,
  sum(CASE WHEN (daily.day >= %(day_3)s::DATE AND daily.day <= %(day_4)s::DATE) THEN daily.recharge_txn_large END) AS recharge_txn_large__prev,
  sum(CASE WHEN (daily.day >= %(day_5)s::DATE AND daily.day <= %(day_6)s::DATE) THEN daily.recharge_txn_large END) AS recharge_txn_large__cur, CAST(NULL AS FLOAT) AS recharge_customers__ly, CAST(NULL AS FLOAT) AS recharge_customers__prev, CAST(NULL AS FLOAT) AS recharge_customers__cur 
FROM (SELECT stations.team_id AS team_id, CAST(card_recharges.ts AS DATE) AS day,
  sum(card_recharges.bonus) AS recharge_bonus_sum,
  sum(card_recharges.amount) AS recharge_sum,
  count(1) AS recharge_txn,
  count(CASE WHEN (card_recharges.amount >= %(amount_1)s) THEN 1 END) AS recharge_txn_large 
FROM card_recharges JOIN stations ON card_recharges.station_id = stations.station_id 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1]) AND (card_recharges.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_7)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_8)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_9)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_10)s::TIMESTAMP WITHOUT TIME ZONE) GROUP BY stations.team_id, CAST(card_recharges.ts AS DATE)) AS daily GROUP BY daily.team_id UNION ALL SELECT seen.team_id, CAST(NULL AS FLOAT) AS recharge_bonus_sum__ly, CAST(NULL AS FLOAT) AS recharge_bonus_sum__prev, CAST(NULL AS FLOAT) AS recharge_bonus_sum__cur, CAST(NULL AS FLOAT) AS recharge_sum__d20241001_20241015, CAST(NULL AS FLOAT) AS recharge_sum__d20250901_20250915, CAST(NULL AS FLOAT) AS recharge_sum__ly, CAST(NULL AS FLOAT) AS recharge_sum__prev, CAST(NULL AS FLOAT) AS recharge_sum__cur, CAST(NULL AS FLOAT) AS recharge_txn__ly, CAST(NULL AS FLOAT) AS recharge_txn__prev, CAST(NULL AS FLOAT) AS recharge_txn__cur, CAST(NULL AS FLOAT) AS recharge_txn_large__ly, CAST(NULL AS FLOAT) AS recharge_txn_large__prev, CAST(NULL AS FLOAT) AS recharge_txn_large__cur,
  count(DISTINCT CASE WHEN (seen.w0 = %(w0_1)s::INTEGER) THEN seen.v END) AS recharge_customers__ly,
  count(DISTINCT CASE WHEN (seen.w1 = %(w1_1)s::INTEGER) THEN seen.v END) AS recharge_customers__prev,
  count(DISTINCT CASE WHEN (seen.w2 = %(w2_1)s::INTEGER) THEN seen.v END) AS recharge_customers__cur 
FROM (SELECT stations.team_id AS team_id, card_recharges.customer_id AS v, max(CASE WHEN (card_recharges.ts >= %(ts_11)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_12)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w0, max(CASE WHEN (card_recharges.ts >= %(ts_13)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_14)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w1, max(CASE WHEN (card_recharges.ts >= %(ts_15)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_16)s::TIMESTAMP WITHOUT TIME ZONE) THEN 1 ELSE 0 END) AS w2 
FROM card_recharges JOIN stations ON card_recharges.station_id = stations.station_id 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2]) AND (card_recharges.ts >= %(ts_17)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_18)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_19)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_20)s::TIMESTAMP WITHOUT TIME ZONE OR card_recharges.ts >= %(ts_21)s::TIMESTAMP WITHOUT TIME ZONE AND card_recharges.ts < %(ts_22)s::TIMESTAMP WITHOUT TIME ZONE) AND card_recharges.customer_id IS NOT NULL GROUP BY stations.team_id, card_recharges.customer_id) AS seen GROUP BY seen.team_id;
-- params:
--   amount_1 = 1000.0
--   day_1 = datetime.date(2025, 10, 1)
--   day_10 = datetime.date(2025, 9, 15)
--   day_2 = datetime.date(2025, 10, 15)
--   day_3 = datetime.date(2026, 9, 1)
--   day_4 = datetime.date(2026, 9, 15)
--   day_5 = datetime.date(2026, 10, 1)
--   day_6 = datetime.date(2026, 10, 15)
--   day_7 = datetime.date(2024, 10, 1)
--   day_8 = datetime.date(2024, 10, 15)
--   day_9 = datetime.date(2025, 9, 1)
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   ts_1 = datetime.datetime(2024, 10, 1, 0, 0)
--   ts_10 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_11 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_12 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_13 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_14 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_15 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_16 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_17 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_18 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_19 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_2 = datetime.datetime(2024, 10, 16, 0, 0)
--   ts_20 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_21 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_22 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2025, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2025, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_7 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_8 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_9 = datetime.datetime(2026, 10, 1, 0, 0)
--   w0_1 = 1
--   w1_1 = 1
--   w2_1 = 1

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_campaign_windows AS 
(SELECT campaigns.campaign_id AS campaign_id, campaigns.start_date AS start_date, campaigns.cost AS cost, greatest(campaigns.start_date, %(greatest_1)s::DATE) AS d_start, least(campaigns.end_date, %(least_1)s::DATE) AS d_end, CAST((least(campaigns.end_date, %(least_1)s::DATE) - greatest(campaigns.start_date, %(greatest_1)s::DATE)) + %(param_7)s::INTEGER AS FLOAT(53)) AS n_days, CAST((campaigns.end_date - campaigns.start_date) + %(param_8)s::INTEGER AS FLOAT(53)) AS total_days, campaigns.start_date - CAST((campaigns.end_date - campaigns.start_date) + %(param_9)s::INTEGER AS INTEGER) AS pre_start, coalesce(anon_1.n, %(coalesce_15)s::INTEGER) AS n_stations 
FROM campaigns LEFT OUTER JOIN (SELECT campaign_stations.campaign_id AS campaign_id,
  count(*) AS n 
FROM campaign_stations GROUP BY campaign_stations.campaign_id) AS anon_1 ON anon_1.campaign_id = campaigns.campaign_id 
WHERE campaigns.start_date <= %(start_date_1)s::DATE AND campaigns.end_date >= %(end_date_1)s::DATE), 
w0_member_stations AS 
(SELECT w0_campaign_windows.campaign_id AS campaign_id, w0_entity_stations.station_id AS station_id, w0_entity_stations.city_id AS city_id, w0_entity_stations.entity_id AS entity_id, CAST(%(param_6)s::VARCHAR AS VARCHAR) AS role 
FROM w0_campaign_windows JOIN campaign_stations ON campaign_stations.campaign_id = w0_campaign_windows.campaign_id JOIN w0_entity_stations ON w0_entity_stations.station_id = campaign_stations.station_id), 
w0_member_cities AS 
(SELECT DISTINCT w0_member_stations.campaign_id AS campaign_id, w0_member_stations.city_id AS city_id 
FROM w0_member_stations), 
w0_campaign_cells AS 
(SELECT w0_member_stations.campaign_id AS campaign_id, w0_member_stations.station_id AS station_id, w0_member_stations.city_id AS city_id, w0_member_stations.entity_id AS entity_id, w0_member_stations.role AS role 
FROM w0_member_stations UNION ALL SELECT w0_member_cities.campaign_id AS campaign_id, stations.station_id AS station_id, stations.city_id AS city_id, CAST(%(param_10)s AS VARCHAR) AS entity_id, CAST(%(param_11)s::VARCHAR AS VARCHAR) AS role 
FROM w0_member_cities JOIN stations ON stations.city_id = w0_member_cities.city_id JOIN w0_campaign_windows ON w0_campaign_windows.campaign_id = w0_member_cities.campaign_id 
WHERE NOT (EXISTS (SELECT * 
FROM campaign_stations 
WHERE campaign_stations.campaign_id = w0_member_cities.campaign_id AND campaign_stations.station_id = stations.station_id)) AND stations.opened_on <= w0_campaign_windows.pre_start), 
w0_fuel_phases AS 
(SELECT w0_campaign_cells.campaign_id AS campaign_id, w0_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w0_campaign_windows.d_end) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_12)s AS FLOAT) ELSE %(param_13)s END) AS t_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w0_campaign_windows.start_date) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_12)s AS FLOAT) ELSE %(param_14)s END) AS t_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w0_campaign_windows.d_end) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_15)s END) AS gp_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w0_campaign_windows.start_date) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_16)s END) AS gp_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w0_campaign_windows.d_end) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_17)s END) AS disc_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w0_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w0_campaign_windows.start_date) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_18)s END) AS disc_p 
FROM w0_campaign_cells JOIN w0_campaign_windows ON w0_campaign_windows.campaign_id = w0_campaign_cells.campaign_id JOIN fuel_sales ON fuel_sales.station_id = w0_campaign_cells.station_id AND fuel_sales.ts >= w0_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) <= w0_campaign_windows.d_end JOIN products ON products.product_code = fuel_sales.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc(%(date_trunc_1)s::VARCHAR, fuel_sales.ts) AS DATE) 
WHERE fuel_sales.ts >= (SELECT min(w0_campaign_windows.pre_start) AS min_1 
FROM w0_campaign_windows) AND fuel_sales.ts < %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_campaign_cells.campaign_id, w0_campaign_cells.station_id), 
w0_nonfuel_phases AS 
(SELECT w0_campaign_cells.campaign_id AS campaign_id, w0_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w0_campaign_windows.d_start AND CAST(nonfuel_sales.ts AS DATE) <= w0_campaign_windows.d_end) THEN nonfuel_sales.revenue ELSE %(param_19)s END) AS nf_d,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w0_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) < w0_campaign_windows.start_date) THEN nonfuel_sales.revenue ELSE %(param_20)s END) AS nf_p 
FROM w0_campaign_cells JOIN w0_campaign_windows ON w0_campaign_windows.campaign_id = w0_campaign_cells.campaign_id JOIN nonfuel_sales ON nonfuel_sales.station_id = w0_campaign_cells.station_id AND nonfuel_sales.ts >= w0_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) <= w0_campaign_windows.d_end 
WHERE nonfuel_sales.ts >= (SELECT min(w0_campaign_windows.pre_start) AS min_1 
FROM w0_campaign_windows) AND nonfuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_campaign_cells.campaign_id, w0_campaign_cells.station_id), 
w0_cell_values AS 
(SELECT w0_campaign_cells.campaign_id AS campaign_id, w0_campaign_cells.station_id AS station_id, w0_campaign_cells.city_id AS city_id, w0_campaign_cells.entity_id AS entity_id, w0_campaign_cells.role AS role, coalesce(w0_fuel_phases.t_d, %(coalesce_7)s) AS t_d, coalesce(w0_fuel_phases.t_p, %(coalesce_8)s) AS t_p, coalesce(w0_fuel_phases.gp_d, %(coalesce_9)s) AS gp_d, coalesce(w0_fuel_phases.gp_p, %(coalesce_10)s) AS gp_p, coalesce(w0_nonfuel_phases.nf_d, %(coalesce_11)s) AS nf_d, coalesce(w0_nonfuel_phases.nf_p, %(coalesce_12)s) AS nf_p, coalesce(w0_fuel_phases.disc_d, %(coalesce_13)s) AS disc_d, coalesce(w0_fuel_phases.disc_p, %(coalesce_14)s) AS disc_p 
FROM w0_campaign_cells LEFT OUTER JOIN w0_fuel_phases ON w0_fuel_phases.campaign_id = w0_campaign_cells.campaign_id AND w0_fuel_phases.station_id = w0_campaign_cells.station_id LEFT OUTER JOIN w0_nonfuel_phases ON w0_nonfuel_phases.campaign_id = w0_campaign_cells.campaign_id AND w0_nonfuel_phases.station_id = w0_campaign_cells.station_id), 
w0_control_sums AS 
(SELECT w0_cell_values.campaign_id AS campaign_id, w0_cell_values.city_id AS city_id,
  sum(w0_cell_values.t_d) AS t_d,
  sum(w0_cell_values.t_p) AS t_p,
  sum(w0_cell_values.gp_d) AS gp_d,
  sum(w0_cell_values.gp_p) AS gp_p,
  sum(w0_cell_values.nf_d) AS nf_d,
  sum(w0_cell_values.nf_p) AS nf_p 
FROM w0_cell_values 
WHERE w0_cell_values.role = %(role_1)s::VARCHAR GROUP BY w0_cell_values.campaign_id, w0_cell_values.city_id), 
w0_campaign_effects AS 
(SELECT w0_cell_values.entity_id AS entity_id,
  sum(w0_cell_values.t_d - w0_cell_values.t_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w0_control_sums.t_p > %(t_p_1)s::INTEGER) THEN (w0_control_sums.t_d * w0_campaign_windows.total_days) / CAST((w0_control_sums.t_p * w0_campaign_windows.n_days) AS FLOAT) ELSE %(param_1)s END) AS incremental_tonnes,
  sum(w0_cell_values.t_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w0_control_sums.t_p > %(t_p_2)s::INTEGER) THEN (w0_control_sums.t_d * w0_campaign_windows.total_days) / CAST((w0_control_sums.t_p * w0_campaign_windows.n_days) AS FLOAT) ELSE %(param_2)s END) AS baseline_tonnes,
  sum(w0_cell_values.gp_d - w0_cell_values.gp_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w0_control_sums.gp_p > %(gp_p_1)s::INTEGER) THEN (w0_control_sums.gp_d * w0_campaign_windows.total_days) / CAST((w0_control_sums.gp_p * w0_campaign_windows.n_days) AS FLOAT) ELSE %(param_3)s END) AS incremental_gross_profit,
  sum(((w0_campaign_windows.cost / CAST(w0_campaign_windows.n_stations AS NUMERIC)) * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) + w0_cell_values.disc_d) - w0_cell_values.disc_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53)))) AS incremental_cost,
  sum(w0_cell_values.nf_d - w0_cell_values.nf_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w0_control_sums.nf_p > %(nf_p_1)s::INTEGER) THEN (w0_control_sums.nf_d * w0_campaign_windows.total_days) / CAST((w0_control_sums.nf_p * w0_campaign_windows.n_days) AS FLOAT) ELSE %(param_4)s END) AS incremental_nonfuel_revenue,
  sum(w0_cell_values.nf_p * (w0_campaign_windows.n_days / CAST(w0_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w0_control_sums.nf_p > %(nf_p_2)s::INTEGER) THEN (w0_control_sums.nf_d * w0_campaign_windows.total_days) / CAST((w0_control_sums.nf_p * w0_campaign_windows.n_days) AS FLOAT) ELSE %(param_5)s END) AS baseline_nonfuel_revenue 
FROM w0_cell_values JOIN w0_campaign_windows ON w0_campaign_windows.campaign_id = w0_cell_values.campaign_id LEFT OUTER JOIN w0_control_sums ON w0_control_sums.campaign_id = w0_cell_values.campaign_id AND w0_control_sums.city_id = w0_cell_values.city_id 
WHERE w0_cell_values.role = %(role_2)s::VARCHAR GROUP BY w0_cell_values.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_campaign_windows AS 
(SELECT campaigns.campaign_id AS campaign_id, campaigns.start_date AS start_date, campaigns.cost AS cost, greatest(campaigns.start_date, %(greatest_2)s::DATE) AS d_start, least(campaigns.end_date, %(least_2)s::DATE) AS d_end, CAST((least(campaigns.end_date, %(least_2)s::DATE) - greatest(campaigns.start_date, %(greatest_2)s::DATE)) + %(param_27)s::INTEGER AS FLOAT(53)) AS n_days, CAST((campaigns.end_date - campaigns.start_date) + %(param_28)s::INTEGER AS FLOAT(53)) AS total_days, campaigns.start_date - CAST((campaigns.end_date - campaigns.start_date) + %(param_29)s::INTEGER AS INTEGER) AS pre_start, coalesce(anon_2.n, %(coalesce_30)s::INTEGER) AS n_stations 
FROM campaigns LEFT OUTER JOIN (SELECT campaign_stations.campaign_id AS campaign_id,
  count(*) AS n 
FROM campaign_stations GROUP BY campaign_stations.campaign_id) AS anon_2 ON anon_2.campaign_id = campaigns.campaign_id 
WHERE campaigns.start_date <= %(start_date_2)s::DATE AND campaigns.end_date >= %(end_date_2)s::DATE), 
w1_member_stations AS 
(SELECT w1_campaign_windows.campaign_id AS campaign_id, w1_entity_stations.station_id AS station_id, w1_entity_stations.city_id AS city_id, w1_entity_stations.entity_id AS entity_id, CAST(%(param_26)s::VARCHAR AS VARCHAR) AS role 
FROM w1_campaign_windows JOIN campaign_stations ON campaign_stations.campaign_id = w1_campaign_windows.campaign_id JOIN w1_entity_stations ON w1_entity_stations.station_id = campaign_stations.station_id), 
w1_member_cities AS 
(SELECT DISTINCT w1_member_stations.campaign_id AS campaign_id, w1_member_stations.city_id AS city_id 
FROM w1_member_stations), 
w1_campaign_cells AS 
(SELECT w1_member_stations.campaign_id AS campaign_id, w1_member_stations.station_id AS station_id, w1_member_stations.city_id AS city_id, w1_member_stations.entity_id AS entity_id, w1_member_stations.role AS role 
FROM w1_member_stations UNION ALL SELECT w1_member_cities.campaign_id AS campaign_id, stations.station_id AS station_id, stations.city_id AS city_id, CAST(%(param_30)s AS VARCHAR) AS entity_id, CAST(%(param_31)s::VARCHAR AS VARCHAR) AS role 
FROM w1_member_cities JOIN stations ON stations.city_id = w1_member_cities.city_id JOIN w1_campaign_windows ON w1_campaign_windows.campaign_id = w1_member_cities.campaign_id 
WHERE NOT (EXISTS (SELECT * 
FROM campaign_stations 
WHERE campaign_stations.campaign_id = w1_member_cities.campaign_id AND campaign_stations.station_id = stations.station_id)) AND stations.opened_on <= w1_campaign_windows.pre_start), 
w1_fuel_phases AS 
(SELECT w1_campaign_cells.campaign_id AS campaign_id, w1_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w1_campaign_windows.d_end) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_32)s AS FLOAT) ELSE %(param_33)s END) AS t_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w1_campaign_windows.start_date) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_32)s AS FLOAT) ELSE %(param_34)s END) AS t_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w1_campaign_windows.d_end) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_35)s END) AS gp_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w1_campaign_windows.start_date) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_36)s END) AS gp_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w1_campaign_windows.d_end) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_37)s END) AS disc_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w1_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w1_campaign_windows.start_date) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_38)s END) AS disc_p 
FROM w1_campaign_cells JOIN w1_campaign_windows ON w1_campaign_windows.campaign_id = w1_campaign_cells.campaign_id JOIN fuel_sales ON fuel_sales.station_id = w1_campaign_cells.station_id AND fuel_sales.ts >= w1_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) <= w1_campaign_windows.d_end JOIN products ON products.product_code = fuel_sales.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc(%(date_trunc_2)s::VARCHAR, fuel_sales.ts) AS DATE) 
WHERE fuel_sales.ts >= (SELECT min(w1_campaign_windows.pre_start) AS min_2 
FROM w1_campaign_windows) AND fuel_sales.ts < %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_campaign_cells.campaign_id, w1_campaign_cells.station_id), 
w1_nonfuel_phases AS 
(SELECT w1_campaign_cells.campaign_id AS campaign_id, w1_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w1_campaign_windows.d_start AND CAST(nonfuel_sales.ts AS DATE) <= w1_campaign_windows.d_end) THEN nonfuel_sales.revenue ELSE %(param_39)s END) AS nf_d,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w1_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) < w1_campaign_windows.start_date) THEN nonfuel_sales.revenue ELSE %(param_40)s END) AS nf_p 
FROM w1_campaign_cells JOIN w1_campaign_windows ON w1_campaign_windows.campaign_id = w1_campaign_cells.campaign_id JOIN nonfuel_sales ON nonfuel_sales.station_id = w1_campaign_cells.station_id AND nonfuel_sales.ts >= w1_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) <= w1_campaign_windows.d_end 
WHERE nonfuel_sales.ts >= (SELECT min(w1_campaign_windows.pre_start) AS min_2 
FROM w1_campaign_windows) AND nonfuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_campaign_cells.campaign_id, w1_campaign_cells.station_id), 
w1_cell_values AS 
(SELECT w1_campaign_cells.campaign_id AS campaign_id, w1_campaign_cells.station_id AS station_id, w1_campaign_cells.city_id AS city_id, w1_campaign_cells.entity_id AS entity_id, w1_campaign_cells.role AS role, coalesce(w1_fuel_phases.t_d, %(coalesce_22)s) AS t_d, coalesce(w1_fuel_phases.t_p, %(coalesce_23)s) AS t_p, coalesce(w1_fuel_phases.gp_d, %(coalesce_24)s) AS gp_d, coalesce(w1_fuel_phases.gp_p, %(coalesce_25)s) AS gp_p, coalesce(w1_nonfuel_phases.nf_d, %(coalesce_26)s) AS nf_d, coalesce(w1_nonfuel_phases.nf_p, %(coalesce_27)s) AS nf_p, coalesce(w1_fuel_phases.disc_d, %(coalesce_28)s) AS disc_d, coalesce(w1_fuel_phases.disc_p, %(coalesce_29)s) AS disc_p 
FROM w1_campaign_cells LEFT OUTER JOIN w1_fuel_phases ON w1_fuel_phases.campaign_id = w1_campaign_cells.campaign_id AND w1_fuel_phases.station_id = w1_campaign_cells.station_id LEFT OUTER JOIN w1_nonfuel_phases ON w1_nonfuel_phases.campaign_id = w1_campaign_cells.campaign_id AND w1_nonfuel_phases.station_id = w1_campaign_cells.station_id), 
w1_control_sums AS 
(SELECT w1_cell_values.campaign_id AS campaign_id, w1_cell_values.city_id AS city_id,
  sum(w1_cell_values.t_d) AS t_d,
  sum(w1_cell_values.t_p) AS t_p,
  sum(w1_cell_values.gp_d) AS gp_d,
  sum(w1_cell_values.gp_p) AS gp_p,
  sum(w1_cell_values.nf_d) AS nf_d,
  sum(w1_cell_values.nf_p) AS nf_p 
FROM w1_cell_values 
WHERE w1_cell_values.role = %(role_3)s::VARCHAR GROUP BY w1_cell_values.campaign_id, w1_cell_values.city_id), 
w1_campaign_effects AS 
(SELECT w1_cell_values.entity_id AS entity_id,
  sum(w1_cell_values.t_d - w1_cell_values.t_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w1_control_sums.t_p > %(t_p_3)s::INTEGER) THEN (w1_control_sums.t_d * w1_campaign_windows.total_days) / CAST((w1_control_sums.t_p * w1_campaign_windows.n_days) AS FLOAT) ELSE %(param_21)s END) AS incremental_tonnes,
  sum(w1_cell_values.t_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w1_control_sums.t_p > %(t_p_4)s::INTEGER) THEN (w1_control_sums.t_d * w1_campaign_windows.total_days) / CAST((w1_control_sums.t_p * w1_campaign_windows.n_days) AS FLOAT) ELSE %(param_22)s END) AS baseline_tonnes,
  sum(w1_cell_values.gp_d - w1_cell_values.gp_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w1_control_sums.gp_p > %(gp_p_2)s::INTEGER) THEN (w1_control_sums.gp_d * w1_campaign_windows.total_days) / CAST((w1_control_sums.gp_p * w1_campaign_windows.n_days) AS FLOAT) ELSE %(param_23)s END) AS incremental_gross_profit,
  sum(((w1_campaign_windows.cost / CAST(w1_campaign_windows.n_stations AS NUMERIC)) * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) + w1_cell_values.disc_d) - w1_cell_values.disc_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53)))) AS incremental_cost,
  sum(w1_cell_values.nf_d - w1_cell_values.nf_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w1_control_sums.nf_p > %(nf_p_3)s::INTEGER) THEN (w1_control_sums.nf_d * w1_campaign_windows.total_days) / CAST((w1_control_sums.nf_p * w1_campaign_windows.n_days) AS FLOAT) ELSE %(param_24)s END) AS incremental_nonfuel_revenue,
  sum(w1_cell_values.nf_p * (w1_campaign_windows.n_days / CAST(w1_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w1_control_sums.nf_p > %(nf_p_4)s::INTEGER) THEN (w1_control_sums.nf_d * w1_campaign_windows.total_days) / CAST((w1_control_sums.nf_p * w1_campaign_windows.n_days) AS FLOAT) ELSE %(param_25)s END) AS baseline_nonfuel_revenue 
FROM w1_cell_values JOIN w1_campaign_windows ON w1_campaign_windows.campaign_id = w1_cell_values.campaign_id LEFT OUTER JOIN w1_control_sums ON w1_control_sums.campaign_id = w1_cell_values.campaign_id AND w1_control_sums.city_id = w1_cell_values.city_id 
WHERE w1_cell_values.role = %(role_4)s::VARCHAR GROUP BY w1_cell_values.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_campaign_windows AS 
(SELECT campaigns.campaign_id AS campaign_id, campaigns.start_date AS start_date, campaigns.cost AS cost, greatest(campaigns.start_date, %(greatest_3)s::DATE) AS d_start, least(campaigns.end_date, %(least_3)s::DATE) AS d_end, CAST((least(campaigns.end_date, %(least_3)s::DATE) - greatest(campaigns.start_date, %(greatest_3)s::DATE)) + %(param_47)s::INTEGER AS FLOAT(53)) AS n_days, CAST((campaigns.end_date - campaigns.start_date) + %(param_48)s::INTEGER AS FLOAT(53)) AS total_days, campaigns.start_date - CAST((campaigns.end_date - campaigns.start_date) + %(param_49)s::INTEGER AS INTEGER) AS pre_start, coalesce(anon_3.n, %(coalesce_45)s::INTEGER) AS n_stations 
FROM campaigns LEFT OUTER JOIN (SELECT campaign_stations.campaign_id AS campaign_id,
  count(*) AS n 
FROM campaign_stations GROUP BY campaign_stations.campaign_id) AS anon_3 ON anon_3.campaign_id = campaigns.campaign_id 
WHERE campaigns.start_date <= %(start_date_3)s::DATE AND campaigns.end_date >= %(end_date_3)s::DATE), 
w2_member_stations AS 
(SELECT w2_campaign_windows.campaign_id AS campaign_id, w2_entity_stations.station_id AS station_id, w2_entity_stations.city_id AS city_id, w2_entity_stations.entity_id AS entity_id, CAST(%(param_46)s::VARCHAR AS VARCHAR) AS role 
FROM w2_campaign_windows JOIN campaign_stations ON campaign_stations.campaign_id = w2_campaign_windows.campaign_id JOIN w2_entity_stations ON w2_entity_stations.station_id = campaign_stations.station_id), 
w2_member_cities AS 
(SELECT DISTINCT w2_member_stations.campaign_id AS campaign_id, w2_member_stations.city_id AS city_id 
FROM w2_member_stations), 
w2_campaign_cells AS 
(SELECT w2_member_stations.campaign_id AS campaign_id, w2_member_stations.station_id AS station_id, w2_member_stations.city_id AS city_id, w2_member_stations.entity_id AS entity_id, w2_member_stations.role AS role 
FROM w2_member_stations UNION ALL SELECT w2_member_cities.campaign_id AS campaign_id, stations.station_id AS station_id, stations.city_id AS city_id, CAST(%(param_50)s AS VARCHAR) AS entity_id, CAST(%(param_51)s::VARCHAR AS VARCHAR) AS role 
FROM w2_member_cities JOIN stations ON stations.city_id = w2_member_cities.city_id JOIN w2_campaign_windows ON w2_campaign_windows.campaign_id = w2_member_cities.campaign_id 
WHERE NOT (EXISTS (SELECT * 
FROM campaign_stations 
WHERE campaign_stations.campaign_id = w2_member_cities.campaign_id AND campaign_stations.station_id = stations.station_id)) AND stations.opened_on <= w2_campaign_windows.pre_start), 
w2_fuel_phases AS 
(SELECT w2_campaign_cells.campaign_id AS campaign_id, w2_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w2_campaign_windows.d_end) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_52)s AS FLOAT) ELSE %(param_53)s END) AS t_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w2_campaign_windows.start_date) THEN (fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_52)s AS FLOAT) ELSE %(param_54)s END) AS t_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w2_campaign_windows.d_end) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_55)s END) AS gp_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w2_campaign_windows.start_date) THEN fuel_sales.paid_amount - fuel_sales.liters * purchase_costs.cost_per_liter ELSE %(param_56)s END) AS gp_p,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.d_start AND CAST(fuel_sales.ts AS DATE) <= w2_campaign_windows.d_end) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_57)s END) AS disc_d,
  sum(CASE WHEN (CAST(fuel_sales.ts AS DATE) >= w2_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) < w2_campaign_windows.start_date) THEN fuel_sales.liters * fuel_sales.list_price - fuel_sales.paid_amount ELSE %(param_58)s END) AS disc_p 
FROM w2_campaign_cells JOIN w2_campaign_windows ON w2_campaign_windows.campaign_id = w2_campaign_cells.campaign_id JOIN fuel_sales ON fuel_sales.station_id = w2_campaign_cells.station_id AND fuel_sales.ts >= w2_campaign_windows.pre_start AND CAST(fuel_sales.ts AS DATE) <= w2_campaign_windows.d_end JOIN products ON products.product_code = fuel_sales.product_code LEFT OUTER JOIN purchase_costs ON purchase_costs.product_code = fuel_sales.product_code AND purchase_costs.month = CAST(date_trunc(%(date_trunc_3)s::VARCHAR, fuel_sales.ts) AS DATE) 
WHERE fuel_sales.ts >= (SELECT min(w2_campaign_windows.pre_start) AS min_3 
FROM w2_campaign_windows) AND fuel_sales.ts < %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_campaign_cells.campaign_id, w2_campaign_cells.station_id), 
w2_nonfuel_phases AS 
(SELECT w2_campaign_cells.campaign_id AS campaign_id, w2_campaign_cells.station_id AS station_id,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w2_campaign_windows.d_start AND CAST(nonfuel_sales.ts AS DATE) <= w2_campaign_windows.d_end) THEN nonfuel_sales.revenue ELSE %(param_59)s END) AS nf_d,
  sum(CASE WHEN (CAST(nonfuel_sales.ts AS DATE) >= w2_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) < w2_campaign_windows.start_date) THEN nonfuel_sales.revenue ELSE %(param_60)s END) AS nf_p 
FROM w2_campaign_cells JOIN w2_campaign_windows ON w2_campaign_windows.campaign_id = w2_campaign_cells.campaign_id JOIN nonfuel_sales ON nonfuel_sales.station_id = w2_campaign_cells.station_id AND nonfuel_sales.ts >= w2_campaign_windows.pre_start AND CAST(nonfuel_sales.ts AS DATE) <= w2_campaign_windows.d_end 
WHERE nonfuel_sales.ts >= (SELECT min(w2_campaign_windows.pre_start) AS min_3 
FROM w2_campaign_windows) AND nonfuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_campaign_cells.campaign_id, w2_campaign_cells.station_id), 
w2_cell_values AS 
(SELECT w2_campaign_cells.campaign_id AS campaign_id, w2_campaign_cells.station_id AS station_id, w2_campaign_cells.city_id AS city_id, w2_campaign_cells.entity_id AS entity_id, w2_campaign_cells.role AS role, coalesce(w2_fuel_phases.t_d, %(coalesce_37)s) AS t_d, coalesce(w2_fuel_phases.t_p, %(coalesce_38)s) AS t_p, coalesce(w2_fuel_phases.gp_d, %(coalesce_39)s) AS gp_d, coalesce(w2_fuel_phases.gp_p, %(coalesce_40)s) AS gp_p, coalesce(w2_nonfuel_phases.nf_d, %(coalesce_41)s) AS nf_d, coalesce(w2_nonfuel_phases.nf_p, %(coalesce_42)s) AS nf_p, coalesce(w2_fuel_phases.disc_d, %(coalesce_43)s) AS disc_d, coalesce(w2_fuel_phases.disc_p, %(coalesce_44)s) AS disc_p 
FROM w2_campaign_cells LEFT OUTER JOIN w2_fuel_phases ON w2_fuel_phases.campaign_id = w2_campaign_cells.campaign_id AND w2_fuel_phases.station_id = w2_campaign_cells.station_id LEFT OUTER JOIN w2_nonfuel_phases ON w2_nonfuel_phases.campaign_id = w2_campaign_cells.campaign_id AND w2_nonfuel_phases.station_id = w2_campaign_cells.station_id), 
w2_control_sums AS 
(SELECT w2_cell_values.campaign_id AS campaign_id, w2_cell_values.city_id AS city_id,
  sum(w2_cell_values.t_d) AS t_d,
  sum(w2_cell_values.t_p) AS t_p,
  sum(w2_cell_values.gp_d) AS gp_d,
  sum(w2_cell_values.gp_p) AS gp_p,
  sum(w2_cell_values.nf_d) AS nf_d,
  sum(w2_cell_values.nf_p) AS nf_p 
FROM w2_cell_values 
WHERE w2_cell_values.role = %(role_5)s::VARCHAR GROUP BY w2_cell_values.campaign_id, w2_cell_values.city_id), 
w2_campaign_effects AS 
(SELECT w2_cell_values.entity_id AS entity_id,
  sum(w2_cell_values.t_d - w2_cell_values.t_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w2_control_sums.t_p > %(t_p_5)s::INTEGER) THEN (w2_control_sums.t_d * w2_campaign_windows.total_days) / CAST((w2_control_sums.t_p * w2_campaign_windows.n_days) AS FLOAT) ELSE %(param_41)s END) AS incremental_tonnes,
  sum(w2_cell_values.t_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w2_control_sums.t_p > %(t_p_6)s::INTEGER) THEN (w2_control_sums.t_d * w2_campaign_windows.total_days) / CAST((w2_control_sums.t_p * w2_campaign_windows.n_days) AS FLOAT) ELSE %(param_42)s END) AS baseline_tonnes,
  sum(w2_cell_values.gp_d - w2_cell_values.gp_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w2_control_sums.gp_p > %(gp_p_3)s::INTEGER) THEN (w2_control_sums.gp_d * w2_campaign_windows.total_days) / CAST((w2_control_sums.gp_p * w2_campaign_windows.n_days) AS FLOAT) ELSE %(param_43)s END) AS incremental_gross_profit,
  sum(((w2_campaign_windows.cost / CAST(w2_campaign_windows.n_stations AS NUMERIC)) * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) + w2_cell_values.disc_d) - w2_cell_values.disc_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53)))) AS incremental_cost,
  sum(w2_cell_values.nf_d - w2_cell_values.nf_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w2_control_sums.nf_p > %(nf_p_5)s::INTEGER) THEN (w2_control_sums.nf_d * w2_campaign_windows.total_days) / CAST((w2_control_sums.nf_p * w2_campaign_windows.n_days) AS FLOAT) ELSE %(param_44)s END) AS incremental_nonfuel_revenue,
  sum(w2_cell_values.nf_p * (w2_campaign_windows.n_days / CAST(w2_campaign_windows.total_days AS FLOAT(53))) * CASE WHEN (w2_control_sums.nf_p > %(nf_p_6)s::INTEGER) THEN (w2_control_sums.nf_d * w2_campaign_windows.total_days) / CAST((w2_control_sums.nf_p * w2_campaign_windows.n_days) AS FLOAT) ELSE %(param_45)s END) AS baseline_nonfuel_revenue 
FROM w2_cell_values JOIN w2_campaign_windows ON w2_campaign_windows.campaign_id = w2_cell_values.campaign_id LEFT OUTER JOIN w2_control_sums ON w2_control_sums.campaign_id = w2_cell_values.campaign_id AND w2_control_sums.city_id = w2_cell_values.city_id 
WHERE w2_cell_values.role = %(role_6)s::VARCHAR GROUP BY w2_cell_values.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.incremental_tonnes, w0.baseline_tonnes, w0.incremental_gross_profit, w0.incremental_cost, w0.incremental_nonfuel_revenue, w0.baseline_nonfuel_revenue 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_campaign_effects.incremental_tonnes, %(coalesce_1)s::INTEGER) AS incremental_tonnes, coalesce(w0_campaign_effects.baseline_tonnes, %(coalesce_2)s::INTEGER) AS baseline_tonnes, coalesce(w0_campaign_effects.incremental_gross_profit, %(coalesce_3)s::INTEGER) AS incremental_gross_profit, coalesce(w0_campaign_effects.incremental_cost, %(coalesce_4)s::INTEGER) AS incremental_cost, coalesce(w0_campaign_effects.incremental_nonfuel_revenue, %(coalesce_5)s::INTEGER) AS incremental_nonfuel_revenue, coalesce(w0_campaign_effects.baseline_nonfuel_revenue, %(coalesce_6)s::INTEGER) AS baseline_nonfuel_revenue 
FROM w0_entities LEFT OUTER JOIN w0_campaign_effects ON w0_campaign_effects.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.incremental_tonnes, w1.baseline_tonnes, w1.incremental_gross_profit, w1.incremental_cost, w1.incremental_nonfuel_revenue, w1.baseline_nonfuel_revenue 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_campaign_effects.incremental_tonnes, %(coalesce_16)s::INTEGER) AS incremental_tonnes, coalesce(w1_campaign_effects.baseline_tonnes, %(coalesce_17)s::INTEGER) AS baseline_tonnes, coalesce(w1_campaign_effects.incremental_gross_profit, %(coalesce_18)s::INTEGER) AS incremental_gross_profit, coalesce(w1_campaign_effects.incremental_cost, %(coalesce_19)s::INTEGER) AS incremental_cost, coalesce(w1_campaign_effects.incremental_nonfuel_revenue, %(coalesce_20)s::INTEGER) AS incremental_nonfuel_revenue, coalesce(w1_campaign_effects.baseline_nonfuel_revenue, %(coalesce_21)s::INTEGER) AS baseline_nonfuel_revenue 
FROM w1_entities LEFT OUTER JOIN w1_campaign_effects ON w1_campaign_effects.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.incremental_tonnes, w2.baseline_tonnes, w2.incremental_gross_profit, w2.incremental_cost, w2.incremental_nonfuel_revenue, w2.baseline_nonfuel_revenue 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_campaign_effects.incremental_tonnes, %(coalesce_31)s::INTEGER) AS incremental_tonnes, coalesce(w2_campaign_effects.baseline_tonnes, %(coalesce_32)s::INTEGER) AS baseline_tonnes, coalesce(w2_campaign_effects.incremental_gross_profit, %(coalesce_33)s::INTEGER) AS incremental_gross_profit, coalesce(w2_campaign_effects.incremental_cost, %(coalesce_34)s::INTEGER) AS incremental_cost, coalesce(w2_campaign_effects.incremental_nonfuel_revenue, %(coalesce_35)s::INTEGER) AS incremental_nonfuel_revenue, coalesce(w2_campaign_effects.baseline_nonfuel_revenue, %(coalesce_36)s::INTEGER) AS baseline_nonfuel_revenue 
FROM w2_entities LEFT OUTER JOIN w2_campaign_effects ON w2_campaign_effects.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_10 = 0.0
--   coalesce_11 = 0.0
--   coalesce_12 = 0.0
--   coalesce_13 = 0.0
--   coalesce_14 = 0.0
--   coalesce_15 = 0
--   coalesce_16 = 0
--   coalesce_17 = 0
--   coalesce_18 = 0
--   coalesce_19 = 0
--   coalesce_2 = 0
--   coalesce_20 = 0
--   coalesce_21 = 0
--   coalesce_22 = 0.0
--   coalesce_23 = 0.0
--   coalesce_24 = 0.0
--   coalesce_25 = 0.0
--   coalesce_26 = 0.0
--   coalesce_27 = 0.0
--   coalesce_28 = 0.0
--   coalesce_29 = 0.0
--   coalesce_3 = 0
--   coalesce_30 = 0
--   coalesce_31 = 0
--   coalesce_32 = 0
--   coalesce_33 = 0
--   coalesce_34 = 0
--   coalesce_35 = 0
--   coalesce_36 = 0
--   coalesce_37 = 0.0
--   coalesce_38 = 0.0
--   coalesce_39 = 0.0
--   coalesce_4 = 0
--   coalesce_40 = 0.0
--   coalesce_41 = 0.0
--   coalesce_42 = 0.0
--   coalesce_43 = 0.0
--   coalesce_44 = 0.0
--   coalesce_45 = 0
--   coalesce_5 = 0
--   coalesce_6 = 0
--   coalesce_7 = 0.0
--   coalesce_8 = 0.0
--   coalesce_9 = 0.0
--   date_trunc_1 = 'month'
--   date_trunc_2 = 'month'
--   date_trunc_3 = 'month'
--   end_date_1 = datetime.date(2025, 10, 1)
--   end_date_2 = datetime.date(2026, 9, 1)
--   end_date_3 = datetime.date(2026, 10, 1)
--   gp_p_1 = 0
--   gp_p_2 = 0
--   gp_p_3 = 0
--   greatest_1 = datetime.date(2025, 10, 1)
--   greatest_2 = datetime.date(2026, 9, 1)
--   greatest_3 = datetime.date(2026, 10, 1)
--   least_1 = datetime.date(2025, 10, 15)
--   least_2 = datetime.date(2026, 9, 15)
--   least_3 = datetime.date(2026, 10, 15)
--   nf_p_1 = 0
--   nf_p_2 = 0
--   nf_p_3 = 0
--   nf_p_4 = 0
--   nf_p_5 = 0
--   nf_p_6 = 0
--   param_1 = 1.0
--   param_10 = None
--   param_11 = 'c'
--   param_12 = 1000.0
--   param_13 = 0.0
--   param_14 = 0.0
--   param_15 = 0.0
--   param_16 = 0.0
--   param_17 = 0.0
--   param_18 = 0.0
--   param_19 = 0.0
--   param_2 = 1.0
--   param_20 = 0.0
--   param_21 = 1.0
--   param_22 = 1.0
--   param_23 = 1.0
--   param_24 = 1.0
--   param_25 = 1.0
--   param_26 = 'm'
--   param_27 = 1
--   param_28 = 1
--   param_29 = 1
--   param_3 = 1.0
--   param_30 = None
--   param_31 = 'c'
--   param_32 = 1000.0
--   param_33 = 0.0
--   param_34 = 0.0
--   param_35 = 0.0
--   param_36 = 0.0
--   param_37 = 0.0
--   param_38 = 0.0
--   param_39 = 0.0
--   param_4 = 1.0
--   param_40 = 0.0
--   param_41 = 1.0
--   param_42 = 1.0
--   param_43 = 1.0
--   param_44 = 1.0
--   param_45 = 1.0
--   param_46 = 'm'
--   param_47 = 1
--   param_48 = 1
--   param_49 = 1
--   param_5 = 1.0
--   param_50 = None
--   param_51 = 'c'
--   param_52 = 1000.0
--   param_53 = 0.0
--   param_54 = 0.0
--   param_55 = 0.0
--   param_56 = 0.0
--   param_57 = 0.0
--   param_58 = 0.0
--   param_59 = 0.0
--   param_6 = 'm'
--   param_60 = 0.0
--   param_7 = 1
--   param_8 = 1
--   param_9 = 1
--   role_1 = 'c'
--   role_2 = 'm'
--   role_3 = 'c'
--   role_4 = 'm'
--   role_5 = 'c'
--   role_6 = 'm'
--   start_date_1 = datetime.date(2025, 10, 15)
--   start_date_2 = datetime.date(2026, 9, 15)
--   start_date_3 = datetime.date(2026, 10, 15)
--   t_p_1 = 0
--   t_p_2 = 0
--   t_p_3 = 0
--   t_p_4 = 0
--   t_p_5 = 0
--   t_p_6 = 0
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_home_customers AS 
(SELECT w0_entity_stations.entity_id AS entity_id, customers.customer_id AS customer_id, customers.manager_id AS manager_id, customers.registered_on AS registered_on, customers.registered_on >= %(registered_on_1)s::DATE AND customers.registered_on < %(registered_on_2)s::DATE AS is_new 
FROM customers JOIN w0_entity_stations ON w0_entity_stations.station_id = customers.home_station_id 
WHERE customers.registered_on <= %(registered_on_3)s::DATE), 
w0_customer_months AS 
(SELECT w0_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w0_entity_stations ON w0_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_8)s::DATE UNION ALL SELECT w0_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_17)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w0_entity_stations ON w0_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_entity_stations.entity_id, fuel_sales.customer_id), 
w0_customer_state AS 
(SELECT w0_customer_months.entity_id AS entity_id, w0_customer_months.customer_id AS customer_id, max(w0_customer_months.month) AS last, max(CASE WHEN (w0_customer_months.month <= %(month_1)s::DATE) THEN w0_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w0_customer_months.month = %(month_2)s::DATE) THEN w0_customer_months.liters ELSE %(param_11)s END) AS l0,
  sum(CASE WHEN (w0_customer_months.month = %(month_3)s::DATE) THEN w0_customer_months.liters ELSE %(param_12)s END) AS l1,
  sum(CASE WHEN (w0_customer_months.month = %(month_4)s::DATE) THEN w0_customer_months.liters ELSE %(param_13)s END) AS l2,
  sum(CASE WHEN (w0_customer_months.month = %(month_5)s::DATE) THEN w0_customer_months.liters ELSE %(param_14)s END) AS l3,
  sum(CASE WHEN (w0_customer_months.month = %(month_6)s::DATE) THEN w0_customer_months.liters ELSE %(param_15)s END) AS l4,
  sum(CASE WHEN (w0_customer_months.month >= %(month_7)s::DATE) THEN w0_customer_months.liters ELSE %(param_16)s END) AS win 
FROM w0_customer_months GROUP BY w0_customer_months.entity_id, w0_customer_months.customer_id), 
w0_activated_members AS 
(SELECT DISTINCT w0_home_customers.entity_id AS entity_id, w0_home_customers.customer_id AS customer_id 
FROM w0_home_customers JOIN fuel_sales ON fuel_sales.customer_id = w0_home_customers.customer_id JOIN w0_entity_stations ON w0_entity_stations.station_id = fuel_sales.station_id AND w0_entity_stations.entity_id = w0_home_customers.entity_id 
WHERE w0_home_customers.is_new AND fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE AND CAST(fuel_sales.ts AS DATE) >= w0_home_customers.registered_on AND CAST(fuel_sales.ts AS DATE) - w0_home_customers.registered_on <= %(param_18)s::INTEGER), 
w0_activation_counts AS 
(SELECT w0_home_customers.entity_id AS entity_id,
  sum(CASE WHEN w0_home_customers.is_new THEN %(param_1)s::INTEGER ELSE %(param_2)s::INTEGER END) AS registered_prev_month,
  sum(CASE WHEN (w0_activated_members.customer_id IS NOT NULL) THEN %(param_3)s::INTEGER ELSE %(param_4)s::INTEGER END) AS activated,
  sum(CASE WHEN (w0_home_customers.manager_id IS NOT NULL) THEN %(param_5)s::INTEGER ELSE %(param_6)s::INTEGER END) AS managed_total,
  sum(CASE WHEN (w0_home_customers.manager_id IS NOT NULL AND w0_customer_state.win > %(win_1)s::INTEGER) THEN %(param_7)s::INTEGER ELSE %(param_8)s::INTEGER END) AS managed_buyers,
  sum(CASE WHEN (w0_home_customers.manager_id IS NOT NULL AND w0_customer_state.last >= %(last_1)s::DATE) THEN %(param_9)s::INTEGER ELSE %(param_10)s::INTEGER END) AS active_managed,
  count(DISTINCT w0_home_customers.manager_id) AS managers 
FROM w0_home_customers LEFT OUTER JOIN w0_customer_state ON w0_customer_state.entity_id = w0_home_customers.entity_id AND w0_customer_state.customer_id = w0_home_customers.customer_id LEFT OUTER JOIN w0_activated_members ON w0_activated_members.entity_id = w0_home_customers.entity_id AND w0_activated_members.customer_id = w0_home_customers.customer_id GROUP BY w0_home_customers.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_home_customers AS 
(SELECT w1_entity_stations.entity_id AS entity_id, customers.customer_id AS customer_id, customers.manager_id AS manager_id, customers.registered_on AS registered_on, customers.registered_on >= %(registered_on_4)s::DATE AND customers.registered_on < %(registered_on_5)s::DATE AS is_new 
FROM customers JOIN w1_entity_stations ON w1_entity_stations.station_id = customers.home_station_id 
WHERE customers.registered_on <= %(registered_on_6)s::DATE), 
w1_customer_months AS 
(SELECT w1_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w1_entity_stations ON w1_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_16)s::DATE UNION ALL SELECT w1_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_35)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w1_entity_stations ON w1_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_entity_stations.entity_id, fuel_sales.customer_id), 
w1_customer_state AS 
(SELECT w1_customer_months.entity_id AS entity_id, w1_customer_months.customer_id AS customer_id, max(w1_customer_months.month) AS last, max(CASE WHEN (w1_customer_months.month <= %(month_9)s::DATE) THEN w1_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w1_customer_months.month = %(month_10)s::DATE) THEN w1_customer_months.liters ELSE %(param_29)s END) AS l0,
  sum(CASE WHEN (w1_customer_months.month = %(month_11)s::DATE) THEN w1_customer_months.liters ELSE %(param_30)s END) AS l1,
  sum(CASE WHEN (w1_customer_months.month = %(month_12)s::DATE) THEN w1_customer_months.liters ELSE %(param_31)s END) AS l2,
  sum(CASE WHEN (w1_customer_months.month = %(month_13)s::DATE) THEN w1_customer_months.liters ELSE %(param_32)s END) AS l3,
  sum(CASE WHEN (w1_customer_months.month = %(month_14)s::DATE) THEN w1_customer_months.liters ELSE %(param_33)s END) AS l4,
  sum(CASE WHEN (w1_customer_months.month >= %(month_15)s::DATE) THEN w1_customer_months.liters ELSE %(param_34)s END) AS win 
FROM w1_customer_months GROUP BY w1_customer_months.entity_id, w1_customer_months.customer_id), 
w1_activated_members AS 
(SELECT DISTINCT w1_home_customers.entity_id AS entity_id, w1_home_customers.customer_id AS customer_id 
FROM w1_home_customers JOIN fuel_sales ON fuel_sales.customer_id = w1_home_customers.customer_id JOIN w1_entity_stations ON w1_entity_stations.station_id = fuel_sales.station_id AND w1_entity_stations.entity_id = w1_home_customers.entity_id 
WHERE w1_home_customers.is_new AND fuel_sales.ts >= %(ts_7)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_8)s::TIMESTAMP WITHOUT TIME ZONE AND CAST(fuel_sales.ts AS DATE) >= w1_home_customers.registered_on AND CAST(fuel_sales.ts AS DATE) - w1_home_customers.registered_on <= %(param_36)s::INTEGER), 
w1_activation_counts AS 
(SELECT w1_home_customers.entity_id AS entity_id,
  sum(CASE WHEN w1_home_customers.is_new THEN %(param_19)s::INTEGER ELSE %(param_20)s::INTEGER END) AS registered_prev_month,
  sum(CASE WHEN (w1_activated_members.customer_id IS NOT NULL) THEN %(param_21)s::INTEGER ELSE %(param_22)s::INTEGER END) AS activated,
  sum(CASE WHEN (w1_home_customers.manager_id IS NOT NULL) THEN %(param_23)s::INTEGER ELSE %(param_24)s::INTEGER END) AS managed_total,
  sum(CASE WHEN (w1_home_customers.manager_id IS NOT NULL AND w1_customer_state.win > %(win_2)s::INTEGER) THEN %(param_25)s::INTEGER ELSE %(param_26)s::INTEGER END) AS managed_buyers,
  sum(CASE WHEN (w1_home_customers.manager_id IS NOT NULL AND w1_customer_state.last >= %(last_2)s::DATE) THEN %(param_27)s::INTEGER ELSE %(param_28)s::INTEGER END) AS active_managed,
  count(DISTINCT w1_home_customers.manager_id) AS managers 
FROM w1_home_customers LEFT OUTER JOIN w1_customer_state ON w1_customer_state.entity_id = w1_home_customers.entity_id AND w1_customer_state.customer_id = w1_home_customers.customer_id LEFT OUTER JOIN w1_activated_members ON w1_activated_members.entity_id = w1_home_customers.entity_id AND w1_activated_members.customer_id = w1_home_customers.customer_id GROUP BY w1_home_customers.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_home_customers AS 
(SELECT w2_entity_stations.entity_id AS entity_id, customers.customer_id AS customer_id, customers.manager_id AS manager_id, customers.registered_on AS registered_on, customers.registered_on >= %(registered_on_7)s::DATE AND customers.registered_on < %(registered_on_8)s::DATE AS is_new 
FROM customers JOIN w2_entity_stations ON w2_entity_stations.station_id = customers.home_station_id 
WHERE customers.registered_on <= %(registered_on_9)s::DATE), 
w2_customer_months AS 
(SELECT w2_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w2_entity_stations ON w2_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_24)s::DATE UNION ALL SELECT w2_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_53)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w2_entity_stations ON w2_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_9)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_10)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_entity_stations.entity_id, fuel_sales.customer_id), 
w2_customer_state AS 
(SELECT w2_customer_months.entity_id AS entity_id, w2_customer_months.customer_id AS customer_id, max(w2_customer_months.month) AS last, max(CASE WHEN (w2_customer_months.month <= %(month_17)s::DATE) THEN w2_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w2_customer_months.month = %(month_18)s::DATE) THEN w2_customer_months.liters ELSE %(param_47)s END) AS l0,
  sum(CASE WHEN (w2_customer_months.month = %(month_19)s::DATE) THEN w2_customer_months.liters ELSE %(param_48)s END) AS l1,
  sum(CASE WHEN (w2_customer_months.month = %(month_20)s::DATE) THEN w2_customer_months.liters ELSE %(param_49)s END) AS l2,
  sum(CASE WHEN (w2_customer_months.month = %(month_21)s::DATE) THEN w2_customer_months.liters ELSE %(param_50)s END) AS l3,
  sum(CASE WHEN (w2_customer_months.month = %(month_22)s::DATE) THEN w2_customer_months.liters ELSE %(param_51)s END) AS l4,
  sum(CASE WHEN (w2_customer_months.month >= %(month_23)s::DATE) THEN w2_customer_months.liters ELSE %(param_52)s END) AS win 
FROM w2_customer_months GROUP BY w2_customer_months.entity_id, w2_customer_months.customer_id), 
w2_activated_members AS 
(SELECT DISTINCT w2_home_customers.entity_id AS entity_id, w2_home_customers.customer_id AS customer_id 
FROM w2_home_customers JOIN fuel_sales ON fuel_sales.customer_id = w2_home_customers.customer_id JOIN w2_entity_stations ON w2_entity_stations.station_id = fuel_sales.station_id AND w2_entity_stations.entity_id = w2_home_customers.entity_id 
WHERE w2_home_customers.is_new AND fuel_sales.ts >= %(ts_11)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_12)s::TIMESTAMP WITHOUT TIME ZONE AND CAST(fuel_sales.ts AS DATE) >= w2_home_customers.registered_on AND CAST(fuel_sales.ts AS DATE) - w2_home_customers.registered_on <= %(param_54)s::INTEGER), 
w2_activation_counts AS 
(SELECT w2_home_customers.entity_id AS entity_id,
  sum(CASE WHEN w2_home_customers.is_new THEN %(param_37)s::INTEGER ELSE %(param_38)s::INTEGER END) AS registered_prev_month,
  sum(CASE WHEN (w2_activated_members.customer_id IS NOT NULL) THEN %(param_39)s::INTEGER ELSE %(param_40)s::INTEGER END) AS activated,
  sum(CASE WHEN (w2_home_customers.manager_id IS NOT NULL) THEN %(param_41)s::INTEGER ELSE %(param_42)s::INTEGER END) AS managed_total,
  sum(CASE WHEN (w2_home_customers.manager_id IS NOT NULL AND w2_customer_state.win > %(win_3)s::INTEGER) THEN %(param_43)s::INTEGER ELSE %(param_44)s::INTEGER END) AS managed_buyers,
  sum(CASE WHEN (w2_home_customers.manager_id IS NOT NULL AND w2_customer_state.last >= %(last_3)s::DATE) THEN %(param_45)s::INTEGER ELSE %(param_46)s::INTEGER END) AS active_managed,
  count(DISTINCT w2_home_customers.manager_id) AS managers 
FROM w2_home_customers LEFT OUTER JOIN w2_customer_state ON w2_customer_state.entity_id = w2_home_customers.entity_id AND w2_customer_state.customer_id = w2_home_customers.customer_id LEFT OUTER JOIN w2_activated_members ON w2_activated_members.entity_id = w2_home_customers.entity_id AND w2_activated_members.customer_id = w2_home_customers.customer_id GROUP BY w2_home_customers.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.registered_prev_month, w0.activated, w0.managed_total, w0.managed_buyers, w0.active_managed, w0.managers 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_activation_counts.registered_prev_month, %(coalesce_1)s::INTEGER) AS registered_prev_month, coalesce(w0_activation_counts.activated, %(coalesce_2)s::INTEGER) AS activated, coalesce(w0_activation_counts.managed_total, %(coalesce_3)s::INTEGER) AS managed_total, coalesce(w0_activation_counts.managed_buyers, %(coalesce_4)s::INTEGER) AS managed_buyers, coalesce(w0_activation_counts.active_managed, %(coalesce_5)s::INTEGER) AS active_managed, coalesce(w0_activation_counts.managers, %(coalesce_6)s::INTEGER) AS managers 
FROM w0_entities LEFT OUTER JOIN w0_activation_counts ON w0_activation_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.registered_prev_month, w1.activated, w1.managed_total, w1.managed_buyers, w1.active_managed, w1.managers 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_activation_counts.registered_prev_month, %(coalesce_7)s::INTEGER) AS registered_prev_month, coalesce(w1_activation_counts.activated, %(coalesce_8)s::INTEGER) AS activated, coalesce(w1_activation_counts.managed_total, %(coalesce_9)s::INTEGER) AS managed_total, coalesce(w1_activation_counts.managed_buyers, %(coalesce_10)s::INTEGER) AS managed_buyers, coalesce(w1_activation_counts.active_managed, %(coalesce_11)s::INTEGER) AS active_managed, coalesce(w1_activation_counts.managers, %(coalesce_12)s::INTEGER) AS managers 
FROM w1_entities LEFT OUTER JOIN w1_activation_counts ON w1_activation_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.registered_prev_month, w2.activated, w2.managed_total, w2.managed_buyers, w2.active_managed, w2.managers 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_activation_counts.registered_prev_month, %(coalesce_13)s::INTEGER) AS registered_prev_month, coalesce(w2_activation_counts.activated, %(coalesce_14)s::INTEGER) AS activated, coalesce(w2_activation_counts.managed_total, %(coalesce_15)s::INTEGER) AS managed_total, coalesce(w2_activation_counts.managed_buyers, %(coalesce_16)s::INTEGER) AS managed_buyers, coalesce(w2_activation_counts.active_managed, %(coalesce_17)s::INTEGER) AS active_managed, coalesce(w2_activation_counts.managers, %(coalesce_18)s::INTEGER) AS managers 
FROM w2_entities LEFT OUTER JOIN w2_activation_counts ON w2_activation_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_10 = 0
--   coalesce_11 = 0
--   coalesce_12 = 0
--   coalesce_13 = 0
--   coalesce_14 = 0
--   coalesce_15 = 0
--   coalesce_16 = 0
--   coalesce_17 = 0
--   coalesce_18 = 0
--   coalesce_2 = 0
--   coalesce_3 = 0
--   coalesce_4 = 0
--   coalesce_5 = 0
--   coalesce_6 = 0
--   coalesce_7 = 0
--   coalesce_8 = 0
--   coalesce_9 = 0
--   last_1 = datetime.date(2025, 7, 1)
--   last_2 = datetime.date(2026, 6, 1)
--   last_3 = datetime.date(2026, 7, 1)
--   month_1 = datetime.date(2025, 9, 1)
--   month_10 = datetime.date(2026, 9, 1)
--   month_11 = datetime.date(2026, 8, 1)
--   month_12 = datetime.date(2026, 7, 1)
--   month_13 = datetime.date(2026, 6, 1)
--   month_14 = datetime.date(2026, 5, 1)
--   month_15 = datetime.date(2026, 9, 1)
--   month_16 = datetime.date(2026, 9, 1)
--   month_17 = datetime.date(2026, 9, 1)
--   month_18 = datetime.date(2026, 10, 1)
--   month_19 = datetime.date(2026, 9, 1)
--   month_2 = datetime.date(2025, 10, 1)
--   month_20 = datetime.date(2026, 8, 1)
--   month_21 = datetime.date(2026, 7, 1)
--   month_22 = datetime.date(2026, 6, 1)
--   month_23 = datetime.date(2026, 10, 1)
--   month_24 = datetime.date(2026, 10, 1)
--   month_3 = datetime.date(2025, 9, 1)
--   month_4 = datetime.date(2025, 8, 1)
--   month_5 = datetime.date(2025, 7, 1)
--   month_6 = datetime.date(2025, 6, 1)
--   month_7 = datetime.date(2025, 10, 1)
--   month_8 = datetime.date(2025, 10, 1)
--   month_9 = datetime.date(2026, 8, 1)
--   param_1 = 1
--   param_10 = 0
--   param_11 = 0.0
--   param_12 = 0.0
--   param_13 = 0.0
--   param_14 = 0.0
--   param_15 = 0.0
--   param_16 = 0.0
--   param_17 = datetime.date(2025, 10, 1)
--   param_18 = 30
--   param_19 = 1
--   param_2 = 0
--   param_20 = 0
--   param_21 = 1
--   param_22 = 0
--   param_23 = 1
--   param_24 = 0
--   param_25 = 1
--   param_26 = 0
--   param_27 = 1
--   param_28 = 0
--   param_29 = 0.0
--   param_3 = 1
--   param_30 = 0.0
--   param_31 = 0.0
--   param_32 = 0.0
--   param_33 = 0.0
--   param_34 = 0.0
--   param_35 = datetime.date(2026, 9, 1)
--   param_36 = 30
--   param_37 = 1
--   param_38 = 0
--   param_39 = 1
--   param_4 = 0
--   param_40 = 0
--   param_41 = 1
--   param_42 = 0
--   param_43 = 1
--   param_44 = 0
--   param_45 = 1
--   param_46 = 0
--   param_47 = 0.0
--   param_48 = 0.0
--   param_49 = 0.0
--   param_5 = 1
--   param_50 = 0.0
--   param_51 = 0.0
--   param_52 = 0.0
--   param_53 = datetime.date(2026, 10, 1)
--   param_54 = 30
--   param_6 = 0
--   param_7 = 1
--   param_8 = 0
--   param_9 = 1
--   registered_on_1 = datetime.date(2025, 9, 1)
--   registered_on_2 = datetime.date(2025, 10, 1)
--   registered_on_3 = datetime.date(2025, 10, 15)
--   registered_on_4 = datetime.date(2026, 8, 1)
--   registered_on_5 = datetime.date(2026, 9, 1)
--   registered_on_6 = datetime.date(2026, 9, 15)
--   registered_on_7 = datetime.date(2026, 9, 1)
--   registered_on_8 = datetime.date(2026, 10, 1)
--   registered_on_9 = datetime.date(2026, 10, 15)
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_10 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_11 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_12 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2025, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_7 = datetime.datetime(2026, 8, 1, 0, 0)
--   ts_8 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_9 = datetime.datetime(2026, 10, 1, 0, 0)
--   win_1 = 0
--   win_2 = 0
--   win_3 = 0

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_customer_months AS 
(SELECT w0_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w0_entity_stations ON w0_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_8)s::DATE UNION ALL SELECT w0_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_40)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w0_entity_stations ON w0_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_entity_stations.entity_id, fuel_sales.customer_id), 
w0_customer_state AS 
(SELECT w0_customer_months.entity_id AS entity_id, w0_customer_months.customer_id AS customer_id, max(w0_customer_months.month) AS last, max(CASE WHEN (w0_customer_months.month <= %(month_1)s::DATE) THEN w0_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w0_customer_months.month = %(month_2)s::DATE) THEN w0_customer_months.liters ELSE %(param_34)s END) AS l0,
  sum(CASE WHEN (w0_customer_months.month = %(month_3)s::DATE) THEN w0_customer_months.liters ELSE %(param_35)s END) AS l1,
  sum(CASE WHEN (w0_customer_months.month = %(month_4)s::DATE) THEN w0_customer_months.liters ELSE %(param_36)s END) AS l2,
  sum(CASE WHEN (w0_customer_months.month = %(month_5)s::DATE) THEN w0_customer_months.liters ELSE %(param_37)s END) AS l3,
  sum(CASE WHEN (w0_customer_months.month = %(month_6)s::DATE) THEN w0_customer_months.liters ELSE %(param_38)s END) AS l4,
  sum(CASE WHEN (w0_customer_months.month >= %(month_7)s::DATE) THEN w0_customer_months.liters ELSE %(param_39)s END) AS win 
FROM w0_customer_months GROUP BY w0_customer_months.entity_id, w0_customer_months.customer_id), 
w0_status_counts AS 
(SELECT w0_customer_state.entity_id AS entity_id,
  sum(CASE WHEN (w0_customer_state.last >= %(last_1)s::DATE) THEN %(param_1)s::INTEGER ELSE %(param_2)s::INTEGER END) AS active,
  sum(CASE WHEN (w0_customer_state.last <= %(last_2)s::DATE AND w0_customer_state.last >= %(last_3)s::DATE) THEN %(param_3)s::INTEGER ELSE %(param_4)s::INTEGER END) AS lost,
  sum(CASE WHEN (w0_customer_state.last <= %(last_4)s::DATE) THEN %(param_5)s::INTEGER ELSE %(param_6)s::INTEGER END) AS dormant,
  sum(CASE WHEN (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3 > %(param_7)s::INTEGER AND w0_customer_state.l0 * %(l0_1)s::INTEGER < (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3) * %(param_8)s::INTEGER) THEN %(param_9)s::INTEGER ELSE %(param_10)s::INTEGER END) AS warning,
  sum(CASE WHEN (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3 > %(param_7)s::INTEGER AND w0_customer_state.l0 * %(l0_1)s::INTEGER < (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3) * %(param_8)s::INTEGER AND w0_customer_state.l2 + w0_customer_state.l3 + w0_customer_state.l4 > %(param_11)s::INTEGER AND w0_customer_state.l1 * %(l1_1)s::INTEGER < (w0_customer_state.l2 + w0_customer_state.l3 + w0_customer_state.l4) * %(param_12)s::INTEGER) THEN %(param_13)s::INTEGER ELSE %(param_14)s::INTEGER END) AS serious_warning,
  sum(CASE WHEN (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3 > %(param_7)s::INTEGER AND w0_customer_state.l0 * %(l0_1)s::INTEGER < (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3) * %(param_8)s::INTEGER AND w0_customer_state.l2 + w0_customer_state.l3 + w0_customer_state.l4 > %(param_11)s::INTEGER AND w0_customer_state.l1 * %(l1_1)s::INTEGER < (w0_customer_state.l2 + w0_customer_state.l3 + w0_customer_state.l4) * %(param_12)s::INTEGER AND customers.grade IN (__[POSTCOMPILE_grade_1])) THEN %(param_15)s::INTEGER ELSE %(param_16)s::INTEGER END) AS escalated,
  sum(CASE WHEN (w0_customer_state.last >= %(last_1)s::DATE AND customers.grade IN (__[POSTCOMPILE_grade_1])) THEN %(param_17)s::INTEGER ELSE %(param_18)s::INTEGER END) AS key_active,
  sum(CASE WHEN (w0_customer_state.last >= %(last_1)s::DATE AND (customers.kind = %(kind_1)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_1]))) THEN %(param_19)s::INTEGER ELSE %(param_20)s::INTEGER END) AS fleet_key_active,
  sum(CASE WHEN (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3 > %(param_7)s::INTEGER AND w0_customer_state.l0 * %(l0_1)s::INTEGER < (w0_customer_state.l1 + w0_customer_state.l2 + w0_customer_state.l3) * %(param_8)s::INTEGER AND (customers.kind = %(kind_1)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_1]))) THEN %(param_21)s::INTEGER ELSE %(param_22)s::INTEGER END) AS fleet_key_warning,
  sum(CASE WHEN (w0_customer_state.last_prev <= %(last_prev_1)s::DATE AND w0_customer_state.last_prev >= %(last_prev_2)s::DATE AND w0_customer_state.l0 > %(l0_2)s::INTEGER) THEN %(param_23)s::INTEGER ELSE %(param_24)s::INTEGER END) AS recovered,
  sum(CASE WHEN (w0_customer_state.last_prev <= %(last_prev_1)s::DATE AND w0_customer_state.last_prev >= %(last_prev_2)s::DATE) THEN %(param_25)s::INTEGER ELSE %(param_26)s::INTEGER END) AS lost_prev,
  sum(CASE WHEN (w0_customer_state.last_prev >= %(last_prev_3)s::DATE AND w0_customer_state.last = %(last_5)s::DATE) THEN %(param_27)s::INTEGER ELSE %(param_28)s::INTEGER END) AS churned_now,
  sum(CASE WHEN (w0_customer_state.last_prev >= %(last_prev_3)s::DATE) THEN %(param_29)s::INTEGER ELSE %(param_30)s::INTEGER END) AS active_prev,
  sum(CASE WHEN (w0_customer_state.l0 > %(l0_3)s::INTEGER AND w0_customer_state.l1 > %(l1_2)s::INTEGER AND w0_customer_state.l2 > %(l2_1)s::INTEGER) THEN w0_customer_state.l0 ELSE %(param_31)s END) AS loyal_liters,
  sum(CASE WHEN (w0_customer_state.win > %(win_1)s::INTEGER) THEN %(param_32)s::INTEGER ELSE %(param_33)s::INTEGER END) AS members_buying 
FROM w0_customer_state LEFT OUTER JOIN customers ON customers.customer_id = w0_customer_state.customer_id GROUP BY w0_customer_state.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_customer_months AS 
(SELECT w1_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w1_entity_stations ON w1_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_16)s::DATE UNION ALL SELECT w1_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_80)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w1_entity_stations ON w1_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_entity_stations.entity_id, fuel_sales.customer_id), 
w1_customer_state AS 
(SELECT w1_customer_months.entity_id AS entity_id, w1_customer_months.customer_id AS customer_id, max(w1_customer_months.month) AS last, max(CASE WHEN (w1_customer_months.month <= %(month_9)s::DATE) THEN w1_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w1_customer_months.month = %(month_10)s::DATE) THEN w1_customer_months.liters ELSE %(param_74)s END) AS l0,
  sum(CASE WHEN (w1_customer_months.month = %(month_11)s::DATE) THEN w1_customer_months.liters ELSE %(param_75)s END) AS l1,
  sum(CASE WHEN (w1_customer_months.month = %(month_12)s::DATE) THEN w1_customer_months.liters ELSE %(param_76)s END) AS l2,
  sum(CASE WHEN (w1_customer_months.month = %(month_13)s::DATE) THEN w1_customer_months.liters ELSE %(param_77)s END) AS l3,
  sum(CASE WHEN (w1_customer_months.month = %(month_14)s::DATE) THEN w1_customer_months.liters ELSE %(param_78)s END) AS l4,
  sum(CASE WHEN (w1_customer_months.month >= %(month_15)s::DATE) THEN w1_customer_months.liters ELSE %(param_79)s END) AS win 
FROM w1_customer_months GROUP BY w1_customer_months.entity_id, w1_customer_months.customer_id), 
w1_status_counts AS 
(SELECT w1_customer_state.entity_id AS entity_id,
  sum(CASE WHEN (w1_customer_state.last >= %(last_6)s::DATE) THEN %(param_41)s::INTEGER ELSE %(param_42)s::INTEGER END) AS active,
  sum(CASE WHEN (w1_customer_state.last <= %(last_7)s::DATE AND w1_customer_state.last >= %(last_8)s::DATE) THEN %(param_43)s::INTEGER ELSE %(param_44)s::INTEGER END) AS lost,
  sum(CASE WHEN (w1_customer_state.last <= %(last_9)s::DATE) THEN %(param_45)s::INTEGER ELSE %(param_46)s::INTEGER END) AS dormant,
  sum(CASE WHEN (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3 > %(param_47)s::INTEGER AND w1_customer_state.l0 * %(l0_4)s::INTEGER < (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3) * %(param_48)s::INTEGER) THEN %(param_49)s::INTEGER ELSE %(param_50)s::INTEGER END) AS warning,
  sum(CASE WHEN (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3 > %(param_47)s::INTEGER AND w1_customer_state.l0 * %(l0_4)s::INTEGER < (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3) * %(param_48)s::INTEGER AND w1_customer_state.l2 + w1_customer_state.l3 + w1_customer_state.l4 > %(param_51)s::INTEGER AND w1_customer_state.l1 * %(l1_3)s::INTEGER < (w1_customer_state.l2 + w1_customer_state.l3 + w1_customer_state.l4) * %(param_52)s::INTEGER) THEN %(param_53)s::INTEGER ELSE %(param_54)s::INTEGER END) AS serious_warning,
  sum(CASE WHEN (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3 > %(param_47)s::INTEGER AND w1_customer_state.l0 * %(l0_4)s::INTEGER < (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3) * %(param_48)s::INTEGER AND w1_customer_state.l2 + w1_customer_state.l3 + w1_customer_state.l4 > %(param_51)s::INTEGER AND w1_customer_state.l1 * %(l1_3)s::INTEGER < (w1_customer_state.l2 + w1_customer_state.l3 + w1_customer_state.l4) * %(param_52)s::INTEGER AND customers.grade IN (__[POSTCOMPILE_grade_2])) THEN %(param_55)s::INTEGER ELSE %(param_56)s::INTEGER END) AS escalated,
  sum(CASE WHEN (w1_customer_state.last >= %(last_6)s::DATE AND customers.grade IN (__[POSTCOMPILE_grade_2])) THEN %(param_57)s::INTEGER ELSE %(param_58)s::INTEGER END) AS key_active,
  sum(CASE WHEN (w1_customer_state.last >= %(last_6)s::DATE AND (customers.kind = %(kind_2)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_2]))) THEN %(param_59)s::INTEGER ELSE %(param_60)s::INTEGER END) AS fleet_key_active,
  sum(CASE WHEN (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3 > %(param_47)s::INTEGER AND w1_customer_state.l0 * %(l0_4)s::INTEGER < (w1_customer_state.l1 + w1_customer_state.l2 + w1_customer_state.l3) * %(param_48)s::INTEGER AND (customers.kind = %(kind_2)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_2]))) THEN %(param_61)s::INTEGER ELSE %(param_62)s::INTEGER END) AS fleet_key_warning,
  sum(CASE WHEN (w1_customer_state.last_prev <= %(last_prev_4)s::DATE AND w1_customer_state.last_prev >= %(last_prev_5)s::DATE AND w1_customer_state.l0 > %(l0_5)s::INTEGER) THEN %(param_63)s::INTEGER ELSE %(param_64)s::INTEGER END) AS recovered,
  sum(CASE WHEN (w1_customer_state.last_prev <= %(last_prev_4)s::DATE AND w1_customer_state.last_prev >= %(last_prev_5)s::DATE) THEN %(param_65)s::INTEGER ELSE %(param_66)s::INTEGER END) AS lost_prev,
  sum(CASE WHEN (w1_customer_state.last_prev >= %(last_prev_6)s::DATE AND w1_customer_state.last = %(last_10)s::DATE) THEN %(param_67)s::INTEGER ELSE %(param_68)s::INTEGER END) AS churned_now,
  sum(CASE WHEN (w1_customer_state.last_prev >= %(last_prev_6)s::DATE) THEN %(param_69)s::INTEGER ELSE %(param_70)s::INTEGER END) AS active_prev,
  sum(CASE WHEN (w1_customer_state.l0 > %(l0_6)s::INTEGER AND w1_customer_state.l1 > %(l1_4)s::INTEGER AND w1_customer_state.l2 > %(l2_2)s::INTEGER) THEN w1_customer_state.l0 ELSE %(param_71)s END) AS loyal_liters,
  sum(CASE WHEN (w1_customer_state.win > %(win_2)s::INTEGER) THEN %(param_72)s::INTEGER ELSE %(param_73)s::INTEGER END) AS members_buying 
FROM w1_customer_state LEFT OUTER JOIN customers ON customers.customer_id = w1_customer_state.customer_id GROUP BY w1_customer_state.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_customer_months AS 
(SELECT w2_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w2_entity_stations ON w2_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_24)s::DATE UNION ALL SELECT w2_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_120)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w2_entity_stations ON w2_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_entity_stations.entity_id, fuel_sales.customer_id), 
w2_customer_state AS 
(SELECT w2_customer_months.entity_id AS entity_id, w2_customer_months.customer_id AS customer_id, max(w2_customer_months.month) AS last, max(CASE WHEN (w2_customer_months.month <= %(month_17)s::DATE) THEN w2_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w2_customer_months.month = %(month_18)s::DATE) THEN w2_customer_months.liters ELSE %(param_114)s END) AS l0,
  sum(CASE WHEN (w2_customer_months.month = %(month_19)s::DATE) THEN w2_customer_months.liters ELSE %(param_115)s END) AS l1,
  sum(CASE WHEN (w2_customer_months.month = %(month_20)s::DATE) THEN w2_customer_months.liters ELSE %(param_116)s END) AS l2,
  sum(CASE WHEN (w2_customer_months.month = %(month_21)s::DATE) THEN w2_customer_months.liters ELSE %(param_117)s END) AS l3,
  sum(CASE WHEN (w2_customer_months.month = %(month_22)s::DATE) THEN w2_customer_months.liters ELSE %(param_118)s END) AS l4,
  sum(CASE WHEN (w2_customer_months.month >= %(month_23)s::DATE) THEN w2_customer_months.liters ELSE %(param_119)s END) AS win 
FROM w2_customer_months GROUP BY w2_customer_months.entity_id, w2_customer_months.customer_id), 
w2_status_counts AS 
(SELECT w2_customer_state.entity_id AS entity_id,
  sum(CASE WHEN (w2_customer_state.last >= %(last_11)s::DATE) THEN %(param_81)s::INTEGER ELSE %(param_82)s::INTEGER END) AS active,
  sum(CASE WHEN (w2_customer_state.last <= %(last_12)s::DATE AND w2_customer_state.last >= %(last_13)s::DATE) THEN %(param_83)s::INTEGER ELSE %(param_84)s::INTEGER END) AS lost,
  sum(CASE WHEN (w2_customer_state.last <= %(last_14)s::DATE) THEN %(param_85)s::INTEGER ELSE %(param_86)s::INTEGER END) AS dormant,
  sum(CASE WHEN (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3 > %(param_87)s::INTEGER AND w2_customer_state.l0 * %(l0_7)s::INTEGER < (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3) * %(param_88)s::INTEGER) THEN %(param_89)s::INTEGER ELSE %(param_90)s::INTEGER END) AS warning,
  sum(CASE WHEN (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3 > %(param_87)s::INTEGER AND w2_customer_state.l0 * %(l0_7)s::INTEGER < (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3) * %(param_88)s::INTEGER AND w2_customer_state.l2 + w2_customer_state.l3 + w2_customer_state.l4 > %(param_91)s::INTEGER AND w2_customer_state.l1 * %(l1_5)s::INTEGER < (w2_customer_state.l2 + w2_customer_state.l3 + w2_customer_state.l4) * %(param_92)s::INTEGER) THEN %(param_93)s::INTEGER ELSE %(param_94)s::INTEGER END) AS serious_warning,
  sum(CASE WHEN (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3 > %(param_87)s::INTEGER AND w2_customer_state.l0 * %(l0_7)s::INTEGER < (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3) * %(param_88)s::INTEGER AND w2_customer_state.l2 + w2_customer_state.l3 + w2_customer_state.l4 > %(param_91)s::INTEGER AND w2_customer_state.l1 * %(l1_5)s::INTEGER < (w2_customer_state.l2 + w2_customer_state.l3 + w2_customer_state.l4) * %(param_92)s::INTEGER AND customers.grade IN (__[POSTCOMPILE_grade_3])) THEN %(param_95)s::INTEGER ELSE %(param_96)s::INTEGER END) AS escalated,
  sum(CASE WHEN (w2_customer_state.last >= %(last_11)s::DATE AND customers.grade IN (__[POSTCOMPILE_grade_3])) THEN %(param_97)s::INTEGER ELSE %(param_98)s::INTEGER END) AS key_active,
  sum(CASE WHEN (w2_customer_state.last >= %(last_11)s::DATE AND (customers.kind = %(kind_3)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_3]))) THEN %(param_99)s::INTEGER ELSE %(param_100)s::INTEGER END) AS fleet_key_active,
  sum(CASE WHEN (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3 > %(param_87)s::INTEGER AND w2_customer_state.l0 * %(l0_7)s::INTEGER < (w2_customer_state.l1 + w2_customer_state.l2 + w2_customer_state.l3) * %(param_88)s::INTEGER AND (customers.kind = %(kind_3)s::VARCHAR OR customers.grade IN (__[POSTCOMPILE_grade_3]))) THEN %(param_101)s::INTEGER ELSE %(param_102)s::INTEGER END) AS fleet_key_warning,
  sum(CASE WHEN (w2_customer_state.last_prev <= %(last_prev_7)s::DATE AND w2_customer_state.last_prev >= %(last_prev_8)s::DATE AND w2_customer_state.l0 > %(l0_8)s::INTEGER) THEN %(param_103)s::INTEGER ELSE %(param_104)s::INTEGER END) AS recovered,
  sum(CASE WHEN (w2_customer_state.last_prev <= %(last_prev_7)s::DATE AND w2_customer_state.last_prev >= %(last_prev_8)s::DATE) THEN %(param_105)s::INTEGER ELSE %(param_106)s::INTEGER END) AS lost_prev,
  sum(CASE WHEN (w2_customer_state.last_prev >= %(last_prev_9)s::DATE AND w2_customer_state.last = %(last_15)s::DATE) THEN %(param_107)s::INTEGER ELSE %(param_108)s::INTEGER END) AS churned_now,
  sum(CASE WHEN (w2_customer_state.last_prev >= %(last_prev_9)s::DATE) THEN %(param_109)s::INTEGER ELSE %(param_110)s::INTEGER END) AS active_prev,
  sum(CASE WHEN (w2_customer_state.l0 > %(l0_9)s::INTEGER AND w2_customer_state.l1 > %(l1_6)s::INTEGER AND w2_customer_state.l2 > %(l2_3)s::INTEGER) THEN w2_customer_state.l0 ELSE %(param_111)s END) AS loyal_liters,
  sum(CASE WHEN (w2_customer_state.win > %(win_3)s::INTEGER) THEN %(param_112)s::INTEGER ELSE %(param_113)s::INTEGER END) AS members_buying 
FROM w2_customer_state LEFT OUTER JOIN customers ON customers.customer_id = w2_customer_state.customer_id GROUP BY w2_customer_state.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.active, w0.lost, w0.dormant, w0.warning, w0.serious_warning, w0.escalated, w0.key_active, w0.fleet_key_active, w0.fleet_key_warning, w0.recovered, w0.lost_prev, w0.churned_now, w0.active_prev, w0.loyal_liters, w0.members_buying 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_status_counts.active, %(coalesce_1)s::INTEGER) AS active, coalesce(w0_status_counts.lost, %(coalesce_2)s::INTEGER) AS lost, coalesce(w0_status_counts.dormant, %(coalesce_3)s::INTEGER) AS dormant, coalesce(w0_status_counts.warning, %(coalesce_4)s::INTEGER) AS warning, coalesce(w0_status_counts.serious_warning, %(coalesce_5)s::INTEGER) AS serious_warning, coalesce(w0_status_counts.escalated, %(coalesce_6)s::INTEGER) AS escalated, coalesce(w0_status_counts.key_active, %(coalesce_7)s::INTEGER) AS key_active, coalesce(w0_status_counts.fleet_key_active, %(coalesce_8)s::INTEGER) AS fleet_key_active, coalesce(w0_status_counts.fleet_key_warning, %(coalesce_9)s::INTEGER) AS fleet_key_warning, coalesce(w0_status_counts.recovered, %(coalesce_10)s::INTEGER) AS recovered, coalesce(w0_status_counts.lost_prev, %(coalesce_11)s::INTEGER) AS lost_prev, coalesce(w0_status_counts.churned_now, %(coalesce_12)s::INTEGER) AS churned_now, coalesce(w0_status_counts.active_prev, %(coalesce_13)s::INTEGER) AS active_prev, coalesce(w0_status_counts.loyal_liters, %(coalesce_14)s::INTEGER) AS loyal_liters, coalesce(w0_status_counts.members_buying, %(coalesce_15)s::INTEGER) AS members_buying 
FROM w0_entities LEFT OUTER JOIN w0_status_counts ON w0_status_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.active, w1.lost, w1.dormant, w1.warning, w1.serious_warning, w1.escalated, w1.key_active, w1.fleet_key_active, w1.fleet_key_warning, w1.recovered, w1.lost_prev, w1.churned_now, w1.active_prev, w1.loyal_liters, w1.members_buying 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_status_counts.active, %(coalesce_16)s::INTEGER) AS active, coalesce(w1_status_counts.lost, %(coalesce_17)s::INTEGER) AS lost, coalesce(w1_status_counts.dormant, %(coalesce_18)s::INTEGER) AS dormant, coalesce(w1_status_counts.warning, %(coalesce_19)s::INTEGER) AS warning, coalesce(w1_status_counts.serious_warning, %(coalesce_20)s::INTEGER) AS serious_warning, coalesce(w1_status_counts.escalated, %(coalesce_21)s::INTEGER) AS escalated, coalesce(w1_status_counts.key_active, %(coalesce_22)s::INTEGER) AS key_active, coalesce(w1_status_counts.fleet_key_active, %(coalesce_23)s::INTEGER) AS fleet_key_active, coalesce(w1_status_counts.fleet_key_warning, %(coalesce_24)s::INTEGER) AS fleet_key_warning, coalesce(w1_status_counts.recovered, %(coalesce_25)s::INTEGER) AS recovered, coalesce(w1_status_counts.lost_prev, %(coalesce_26)s::INTEGER) AS lost_prev, coalesce(w1_status_counts.churned_now, %(coalesce_27)s::INTEGER) AS churned_now, coalesce(w1_status_counts.active_prev, %(coalesce_28)s::INTEGER) AS active_prev, coalesce(w1_status_counts.loyal_liters, %(coalesce_29)s::INTEGER) AS loyal_liters, coalesce(w1_status_counts.members_buying, %(coalesce_30)s::INTEGER) AS members_buying 
FROM w1_entities LEFT OUTER JOIN w1_status_counts ON w1_status_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.active, w2.lost, w2.dormant, w2.warning, w2.serious_warning, w2.escalated, w2.key_active, w2.fleet_key_active, w2.fleet_key_warning, w2.recovered, w2.lost_prev, w2.churned_now, w2.active_prev, w2.loyal_liters, w2.members_buying 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_status_counts.active, %(coalesce_31)s::INTEGER) AS active, coalesce(w2_status_counts.lost, %(coalesce_32)s::INTEGER) AS lost, coalesce(w2_status_counts.dormant, %(coalesce_33)s::INTEGER) AS dormant, coalesce(w2_status_counts.warning, %(coalesce_34)s::INTEGER) AS warning, coalesce(w2_status_counts.serious_warning, %(coalesce_35)s::INTEGER) AS serious_warning, coalesce(w2_status_counts.escalated, %(coalesce_36)s::INTEGER) AS escalated, coalesce(w2_status_counts.key_active, %(coalesce_37)s::INTEGER) AS key_active, coalesce(w2_status_counts.fleet_key_active, %(coalesce_38)s::INTEGER) AS fleet_key_active, coalesce(w2_status_counts.fleet_key_warning, %(coalesce_39)s::INTEGER) AS fleet_key_warning, coalesce(w2_status_counts.recovered, %(coalesce_40)s::INTEGER) AS recovered, coalesce(w2_status_counts.lost_prev, %(coalesce_41)s::INTEGER) AS lost_prev, coalesce(w2_status_counts.churned_now, %(coalesce_42)s::INTEGER) AS churned_now, coalesce(w2_status_counts.active_prev, %(coalesce_43)s::INTEGER) AS active_prev, coalesce(w2_status_counts.loyal_liters, %(coalesce_44)s::INTEGER) AS loyal_liters, coalesce(w2_status_counts.members_buying, %(coalesce_45)s::INTEGER) AS members_buying 
FROM w2_entities LEFT OUTER JOIN w2_status_counts ON w2_status_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_10 = 0
--   coalesce_11 = 0
--   coalesce_12 = 0
--   coalesce_13 = 0
--   coalesce_14 = 0
--   coalesce_15 = 0
--   coalesce_16 = 0
--   coalesce_17 = 0
--   coalesce_18 = 0
--   coalesce_19 = 0
--   coalesce_2 = 0
--   coalesce_20 = 0
--   coalesce_21 = 0
--   coalesce_22 = 0
--   coalesce_23 = 0
--   coalesce_24 = 0
--   coalesce_25 = 0
--   coalesce_26 = 0
--   coalesce_27 = 0
--   coalesce_28 = 0
--   coalesce_29 = 0
--   coalesce_3 = 0
--   coalesce_30 = 0
--   coalesce_31 = 0
--   coalesce_32 = 0
--   coalesce_33 = 0
--   coalesce_34 = 0
--   coalesce_35 = 0
--   coalesce_36 = 0
--   coalesce_37 = 0
--   coalesce_38 = 0
--   coalesce_39 = 0
--   coalesce_4 = 0
--   coalesce_40 = 0
--   coalesce_41 = 0
--   coalesce_42 = 0
--   coalesce_43 = 0
--   coalesce_44 = 0
--   coalesce_45 = 0
--   coalesce_5 = 0
--   coalesce_6 = 0
--   coalesce_7 = 0
--   coalesce_8 = 0
--   coalesce_9 = 0
--   grade_1 = ['gold', 'platinum', 'diamond']
--   grade_2 = ['gold', 'platinum', 'diamond']
--   grade_3 = ['gold', 'platinum', 'diamond']
--   kind_1 = 'fleet'
--   kind_2 = 'fleet'
--   kind_3 = 'fleet'
--   l0_1 = 930
--   l0_2 = 0
--   l0_3 = 0
--   l0_4 = 900
--   l0_5 = 0
--   l0_6 = 0
--   l0_7 = 930
--   l0_8 = 0
--   l0_9 = 0
--   l1_1 = 30
--   l1_2 = 0
--   l1_3 = 30
--   l1_4 = 0
--   l1_5 = 30
--   l1_6 = 0
--   l2_1 = 0
--   l2_2 = 0
--   l2_3 = 0
--   last_1 = datetime.date(2025, 7, 1)
--   last_10 = datetime.date(2026, 5, 1)
--   last_11 = datetime.date(2026, 7, 1)
--   last_12 = datetime.date(2026, 6, 1)
--   last_13 = datetime.date(2026, 3, 1)
--   last_14 = datetime.date(2026, 2, 1)
--   last_15 = datetime.date(2026, 6, 1)
--   last_2 = datetime.date(2025, 6, 1)
--   last_3 = datetime.date(2025, 3, 1)
--   last_4 = datetime.date(2025, 2, 1)
--   last_5 = datetime.date(2025, 6, 1)
--   last_6 = datetime.date(2026, 6, 1)
--   last_7 = datetime.date(2026, 5, 1)
--   last_8 = datetime.date(2026, 2, 1)
--   last_9 = datetime.date(2026, 1, 1)
--   last_prev_1 = datetime.date(2025, 5, 1)
--   last_prev_2 = datetime.date(2025, 2, 1)
--   last_prev_3 = datetime.date(2025, 6, 1)
--   last_prev_4 = datetime.date(2026, 4, 1)
--   last_prev_5 = datetime.date(2026, 1, 1)
--   last_prev_6 = datetime.date(2026, 5, 1)
--   last_prev_7 = datetime.date(2026, 5, 1)
--   last_prev_8 = datetime.date(2026, 2, 1)
--   last_prev_9 = datetime.date(2026, 6, 1)
--   month_1 = datetime.date(2025, 9, 1)
--   month_10 = datetime.date(2026, 9, 1)
--   month_11 = datetime.date(2026, 8, 1)
--   month_12 = datetime.date(2026, 7, 1)
--   month_13 = datetime.date(2026, 6, 1)
--   month_14 = datetime.date(2026, 5, 1)
--   month_15 = datetime.date(2026, 9, 1)
--   month_16 = datetime.date(2026, 9, 1)
--   month_17 = datetime.date(2026, 9, 1)
--   month_18 = datetime.date(2026, 10, 1)
--   month_19 = datetime.date(2026, 9, 1)
--   month_2 = datetime.date(2025, 10, 1)
--   month_20 = datetime.date(2026, 8, 1)
--   month_21 = datetime.date(2026, 7, 1)
--   month_22 = datetime.date(2026, 6, 1)
--   month_23 = datetime.date(2026, 10, 1)
--   month_24 = datetime.date(2026, 10, 1)
--   month_3 = datetime.date(2025, 9, 1)
--   month_4 = datetime.date(2025, 8, 1)
--   month_5 = datetime.date(2025, 7, 1)
--   month_6 = datetime.date(2025, 6, 1)
--   month_7 = datetime.date(2025, 10, 1)
--   month_8 = datetime.date(2025, 10, 1)
--   month_9 = datetime.date(2026, 8, 1)
--   param_1 = 1
--   param_10 = 0
--   param_100 = 0
--   param_101 = 1
--   param_102 = 0
--   param_103 = 1
--   param_104 = 0
--   param_105 = 1
--   param_106 = 0
--   param_107 = 1
--   param_108 = 0
--   param_109 = 1
--   param_11 = 0
--   param_110 = 0
--   param_111 = 0.0
--   param_112 = 1
--   param_113 = 0
--   param_114 = 0.0
--   param_115 = 0.0
--   param_116 = 0.0
--   param_117 = 0.0
--   param_118 = 0.0
--   param_119 = 0.0
--   param_12 = 7
--   param_120 = datetime.date(2026, 10, 1)
--   param_13 = 1
--   param_14 = 0
--   param_15 = 1
--   param_16 = 0
--   param_17 = 1
--   param_18 = 0
--   param_19 = 1
--   param_2 = 0
--   param_20 = 0
--   param_21 = 1
--   param_22 = 0
--   param_23 = 1
--   param_24 = 0
--   param_25 = 1
--   param_26 = 0
--   param_27 = 1
--   param_28 = 0
--   param_29 = 1
--   param_3 = 1
--   param_30 = 0
--   param_31 = 0.0
--   param_32 = 1
--   param_33 = 0
--   param_34 = 0.0
--   param_35 = 0.0
--   param_36 = 0.0
--   param_37 = 0.0
--   param_38 = 0.0
--   param_39 = 0.0
--   param_4 = 0
--   param_40 = datetime.date(2025, 10, 1)
--   param_41 = 1
--   param_42 = 0
--   param_43 = 1
--   param_44 = 0
--   param_45 = 1
--   param_46 = 0
--   param_47 = 0
--   param_48 = 105
--   param_49 = 1
--   param_5 = 1
--   param_50 = 0
--   param_51 = 0
--   param_52 = 7
--   param_53 = 1
--   param_54 = 0
--   param_55 = 1
--   param_56 = 0
--   param_57 = 1
--   param_58 = 0
--   param_59 = 1
--   param_6 = 0
--   param_60 = 0
--   param_61 = 1
--   param_62 = 0
--   param_63 = 1
--   param_64 = 0
--   param_65 = 1
--   param_66 = 0
--   param_67 = 1
--   param_68 = 0
--   param_69 = 1
--   param_7 = 0
--   param_70 = 0
--   param_71 = 0.0
--   param_72 = 1
--   param_73 = 0
--   param_74 = 0.0
--   param_75 = 0.0
--   param_76 = 0.0
--   param_77 = 0.0
--   param_78 = 0.0
--   param_79 = 0.0
--   param_8 = 105
--   param_80 = datetime.date(2026, 9, 1)
--   param_81 = 1
--   param_82 = 0
--   param_83 = 1
--   param_84 = 0
--   param_85 = 1
--   param_86 = 0
--   param_87 = 0
--   param_88 = 105
--   param_89 = 1
--   param_9 = 1
--   param_90 = 0
--   param_91 = 0
--   param_92 = 7
--   param_93 = 1
--   param_94 = 0
--   param_95 = 1
--   param_96 = 0
--   param_97 = 1
--   param_98 = 0
--   param_99 = 1
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)
--   win_1 = 0
--   win_2 = 0
--   win_3 = 0

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_7)s::DATE), (%(param_8)s::DATE), (%(param_9)s::DATE), (%(param_10)s::DATE), (%(param_11)s::DATE), (%(param_12)s::DATE), (%(param_13)s::DATE), (%(param_14)s::DATE), (%(param_15)s::DATE), (%(param_16)s::DATE), (%(param_17)s::DATE), (%(param_18)s::DATE), (%(param_19)s::DATE), (%(param_20)s::DATE), (%(param_21)s::DATE), (%(param_22)s::DATE), (%(param_23)s::DATE), (%(param_24)s::DATE), (%(param_25)s::DATE), (%(param_26)s::DATE), (%(param_27)s::DATE), (%(param_28)s::DATE), (%(param_29)s::DATE), (%(param_30)s::DATE), (%(param_31)s::DATE), (%(param_32)s::DATE), (%(param_33)s::DATE), (%(param_34)s::DATE), (%(param_35)s::DATE), (%(param_36)s::DATE), (%(param_37)s::DATE), (%(param_38)s::DATE), (%(param_39)s::DATE), (%(param_40)s::DATE), (%(param_41)s::DATE), (%(param_42)s::DATE), (%(param_43)s::DATE), (%(param_44)s::DATE), (%(param_45)s::DATE), (%(param_46)s::DATE), (%(param_47)s::DATE), (%(param_48)s::DATE), (%(param_49)s::DATE)) AS cal_values (day)), 
w0_station_days AS 
(SELECT w0_entity_stations.entity_id AS entity_id, w0_entity_stations.station_id AS station_id, w0_calendar.day AS day 
FROM w0_entity_stations JOIN w0_calendar ON w0_entity_stations.opened_on <= w0_calendar.day), 
w0_daily_tonnes AS 
(SELECT fuel_sales.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum((fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_50)s AS FLOAT)) AS tonnes 
FROM fuel_sales JOIN products ON products.product_code = fuel_sales.product_code 
WHERE fuel_sales.station_id IN (SELECT w0_entity_stations.station_id 
FROM w0_entity_stations) AND fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, CAST(fuel_sales.ts AS DATE)), 
w0_weekday_series AS 
(SELECT w0_station_days.entity_id AS entity_id, w0_station_days.day AS day, coalesce(w0_daily_tonnes.tonnes, %(coalesce_3)s) AS t, lag(coalesce(w0_daily_tonnes.tonnes, %(coalesce_3)s), %(lag_1)s::INTEGER) OVER (PARTITION BY w0_station_days.station_id ORDER BY w0_station_days.day) AS w1, lag(coalesce(w0_daily_tonnes.tonnes, %(coalesce_3)s), %(lag_2)s::INTEGER) OVER (PARTITION BY w0_station_days.station_id ORDER BY w0_station_days.day) AS w2, lag(coalesce(w0_daily_tonnes.tonnes, %(coalesce_3)s), %(lag_3)s::INTEGER) OVER (PARTITION BY w0_station_days.station_id ORDER BY w0_station_days.day) AS w3, lag(coalesce(w0_daily_tonnes.tonnes, %(coalesce_3)s), %(lag_4)s::INTEGER) OVER (PARTITION BY w0_station_days.station_id ORDER BY w0_station_days.day) AS w4 
FROM w0_station_days LEFT OUTER JOIN w0_daily_tonnes ON w0_daily_tonnes.station_id = w0_station_days.station_id AND w0_daily_tonnes.day = w0_station_days.day), 
w0_anomaly_counts AS 
(SELECT w0_weekday_series.entity_id AS entity_id,
  sum(CASE WHEN (w0_weekday_series.w1 + w0_weekday_series.w2 + w0_weekday_series.w3 + w0_weekday_series.w4 > %(param_1)s::INTEGER AND w0_weekday_series.t * %(t_1)s::INTEGER < (w0_weekday_series.w1 + w0_weekday_series.w2 + w0_weekday_series.w3 + w0_weekday_series.w4) * %(param_2)s::INTEGER) THEN %(param_3)s::INTEGER ELSE %(param_4)s::INTEGER END) AS anomaly_days,
  sum(CASE WHEN (w0_weekday_series.w1 + w0_weekday_series.w2 + w0_weekday_series.w3 + w0_weekday_series.w4 > %(param_1)s::INTEGER) THEN %(param_5)s::INTEGER ELSE %(param_6)s::INTEGER END) AS station_days_with_history 
FROM w0_weekday_series 
WHERE w0_weekday_series.day >= %(day_1)s::DATE GROUP BY w0_weekday_series.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_57)s::DATE), (%(param_58)s::DATE), (%(param_59)s::DATE), (%(param_60)s::DATE), (%(param_61)s::DATE), (%(param_62)s::DATE), (%(param_63)s::DATE), (%(param_64)s::DATE), (%(param_65)s::DATE), (%(param_66)s::DATE), (%(param_67)s::DATE), (%(param_68)s::DATE), (%(param_69)s::DATE), (%(param_70)s::DATE), (%(param_71)s::DATE), (%(param_72)s::DATE), (%(param_73)s::DATE), (%(param_74)s::DATE), (%(param_75)s::DATE), (%(param_76)s::DATE), (%(param_77)s::DATE), (%(param_78)s::DATE), (%(param_79)s::DATE), (%(param_80)s::DATE), (%(param_81)s::DATE), (%(param_82)s::DATE), (%(param_83)s::DATE), (%(param_84)s::DATE), (%(param_85)s::DATE), (%(param_86)s::DATE), (%(param_87)s::DATE), (%(param_88)s::DATE), (%(param_89)s::DATE), (%(param_90)s::DATE), (%(param_91)s::DATE), (%(param_92)s::DATE), (%(param_93)s::DATE), (%(param_94)s::DATE), (%(param_95)s::DATE), (%(param_96)s::DATE), (%(param_97)s::DATE), (%(param_98)s::DATE), (%(param_99)s::DATE)) AS cal_values (day)), 
w1_station_days AS 
(SELECT w1_entity_stations.entity_id AS entity_id, w1_entity_stations.station_id AS station_id, w1_calendar.day AS day 
FROM w1_entity_stations JOIN w1_calendar ON w1_entity_stations.opened_on <= w1_calendar.day), 
w1_daily_tonnes AS 
(SELECT fuel_sales.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum((fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_100)s AS FLOAT)) AS tonnes 
FROM fuel_sales JOIN products ON products.product_code = fuel_sales.product_code 
WHERE fuel_sales.station_id IN (SELECT w1_entity_stations.station_id 
FROM w1_entity_stations) AND fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, CAST(fuel_sales.ts AS DATE)), 
w1_weekday_series AS 
(SELECT w1_station_days.entity_id AS entity_id, w1_station_days.day AS day, coalesce(w1_daily_tonnes.tonnes, %(coalesce_6)s) AS t, lag(coalesce(w1_daily_tonnes.tonnes, %(coalesce_6)s), %(lag_5)s::INTEGER) OVER (PARTITION BY w1_station_days.station_id ORDER BY w1_station_days.day) AS w1, lag(coalesce(w1_daily_tonnes.tonnes, %(coalesce_6)s), %(lag_6)s::INTEGER) OVER (PARTITION BY w1_station_days.station_id ORDER BY w1_station_days.day) AS w2, lag(coalesce(w1_daily_tonnes.tonnes, %(coalesce_6)s), %(lag_7)s::INTEGER) OVER (PARTITION BY w1_station_days.station_id ORDER BY w1_station_days.day) AS w3, lag(coalesce(w1_daily_tonnes.tonnes, %(coalesce_6)s), %(lag_8)s::INTEGER) OVER (PARTITION BY w1_station_days.station_id ORDER BY w1_station_days.day) AS w4 
FROM w1_station_days LEFT OUTER JOIN w1_daily_tonnes ON w1_daily_tonnes.station_id = w1_station_days.station_id AND w1_daily_tonnes.day = w1_station_days.day), 
w1_anomaly_counts AS 
(SELECT w1_weekday_series.entity_id AS entity_id,
  sum(CASE WHEN (w1_weekday_series.w1 + w1_weekday_series.w2 + w1_weekday_series.w3 + w1_weekday_series.w4 > %(param_51)s::INTEGER AND w1_weekday_series.t * %(t_2)s::INTEGER < (w1_weekday_series.w1 + w1_weekday_series.w2 + w1_weekday_series.w3 + w1_weekday_series.w4) * %(param_52)s::INTEGER) THEN %(param_53)s::INTEGER ELSE %(param_54)s::INTEGER END) AS anomaly_days,
  sum(CASE WHEN (w1_weekday_series.w1 + w1_weekday_series.w2 + w1_weekday_series.w3 + w1_weekday_series.w4 > %(param_51)s::INTEGER) THEN %(param_55)s::INTEGER ELSE %(param_56)s::INTEGER END) AS station_days_with_history 
FROM w1_weekday_series 
WHERE w1_weekday_series.day >= %(day_2)s::DATE GROUP BY w1_weekday_series.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_107)s::DATE), (%(param_108)s::DATE), (%(param_109)s::DATE), (%(param_110)s::DATE), (%(param_111)s::DATE), (%(param_112)s::DATE), (%(param_113)s::DATE), (%(param_114)s::DATE), (%(param_115)s::DATE), (%(param_116)s::DATE), (%(param_117)s::DATE), (%(param_118)s::DATE), (%(param_119)s::DATE), (%(param_120)s::DATE), (%(param_121)s::DATE), (%(param_122)s::DATE), (%(param_123)s::DATE), (%(param_124)s::DATE), (%(param_125)s::DATE), (%(param_126)s::DATE), (%(param_127)s::DATE), (%(param_128)s::DATE), (%(param_129)s::DATE), (%(param_130)s::DATE), (%(param_131)s::DATE), (%(param_132)s::DATE), (%(param_133)s::DATE), (%(param_134)s::DATE), (%(param_135)s::DATE), (%(param_136)s::DATE), (%(param_137)s::DATE), (%(param_138)s::DATE), (%(param_139)s::DATE), (%(param_140)s::DATE), (%(param_141)s::DATE), (%(param_142)s::DATE), (%(param_143)s::DATE), (%(param_144)s::DATE), (%(param_145)s::DATE), (%(param_146)s::DATE), (%(param_147)s::DATE), (%(param_148)s::DATE), (%(param_149)s::DATE)) AS cal_values (day)), 
w2_station_days AS 
(SELECT w2_entity_stations.entity_id AS entity_id, w2_entity_stations.station_id AS station_id, w2_calendar.day AS day 
FROM w2_entity_stations JOIN w2_calendar ON w2_entity_stations.opened_on <= w2_calendar.day), 
w2_daily_tonnes AS 
(SELECT fuel_sales.station_id AS station_id, CAST(fuel_sales.ts AS DATE) AS day,
  sum((fuel_sales.liters * products.density_kg_per_l) / CAST(%(param_150)s AS FLOAT)) AS tonnes 
FROM fuel_sales JOIN products ON products.product_code = fuel_sales.product_code 
WHERE fuel_sales.station_id IN (SELECT w2_entity_stations.station_id 
FROM w2_entity_stations) AND fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, CAST(fuel_sales.ts AS DATE)), 
w2_weekday_series AS 
(SELECT w2_station_days.entity_id AS entity_id, w2_station_days.day AS day, coalesce(w2_daily_tonnes.tonnes, %(coalesce_9)s) AS t, lag(coalesce(w2_daily_tonnes.tonnes, %(coalesce_9)s), %(lag_9)s::INTEGER) OVER (PARTITION BY w2_station_days.station_id ORDER BY w2_station_days.day) AS w1, lag(coalesce(w2_daily_tonnes.tonnes, %(coalesce_9)s), %(lag_10)s::INTEGER) OVER (PARTITION BY w2_station_days.station_id ORDER BY w2_station_days.day) AS w2, lag(coalesce(w2_daily_tonnes.tonnes, %(coalesce_9)s), %(lag_11)s::INTEGER) OVER (PARTITION BY w2_station_days.station_id ORDER BY w2_station_days.day) AS w3, lag(coalesce(w2_daily_tonnes.tonnes, %(coalesce_9)s), %(lag_12)s::INTEGER) OVER (PARTITION BY w2_station_days.station_id ORDER BY w2_station_days.day) AS w4 
FROM w2_station_days LEFT OUTER JOIN w2_daily_tonnes ON w2_daily_tonnes.station_id = w2_station_days.station_id AND w2_daily_tonnes.day = w2_station_days.day), 
w2_anomaly_counts AS 
(SELECT w2_weekday_series.entity_id AS entity_id,
  sum(CASE WHEN (w2_weekday_series.w1 + w2_weekday_series.w2 + w2_weekday_series.w3 + w2_weekday_series.w4 > %(param_101)s::INTEGER AND w2_weekday_series.t * %(t_3)s::INTEGER < (w2_weekday_series.w1 + w2_weekday_series.w2 + w2_weekday_series.w3 + w2_weekday_series.w4) * %(param_102)s::INTEGER) THEN %(param_103)s::INTEGER ELSE %(param_104)s::INTEGER END) AS anomaly_days,
  sum(CASE WHEN (w2_weekday_series.w1 + w2_weekday_series.w2 + w2_weekday_series.w3 + w2_weekday_series.w4 > %(param_101)s::INTEGER) THEN %(param_105)s::INTEGER ELSE %(param_106)s::INTEGER END) AS station_days_with_history 
FROM w2_weekday_series 
WHERE w2_weekday_series.day >= %(day_3)s::DATE GROUP BY w2_weekday_series.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.anomaly_days, w0.station_days_with_history 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_anomaly_counts.anomaly_days, %(coalesce_1)s::INTEGER) AS anomaly_days, coalesce(w0_anomaly_counts.station_days_with_history, %(coalesce_2)s::INTEGER) AS station_days_with_history 
FROM w0_entities LEFT OUTER JOIN w0_anomaly_counts ON w0_anomaly_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.anomaly_days, w1.station_days_with_history 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_anomaly_counts.anomaly_days, %(coalesce_4)s::INTEGER) AS anomaly_days, coalesce(w1_anomaly_counts.station_days_with_history, %(coalesce_5)s::INTEGER) AS station_days_with_history 
FROM w1_entities LEFT OUTER JOIN w1_anomaly_counts ON w1_anomaly_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.anomaly_days, w2.station_days_with_history 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_anomaly_counts.anomaly_days, %(coalesce_7)s::INTEGER) AS anomaly_days, coalesce(w2_anomaly_counts.station_days_with_history, %(coalesce_8)s::INTEGER) AS station_days_with_history 
FROM w2_entities LEFT OUTER JOIN w2_anomaly_counts ON w2_anomaly_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_2 = 0
--   coalesce_3 = 0.0
--   coalesce_4 = 0
--   coalesce_5 = 0
--   coalesce_6 = 0.0
--   coalesce_7 = 0
--   coalesce_8 = 0
--   coalesce_9 = 0.0
--   day_1 = datetime.date(2025, 10, 1)
--   day_2 = datetime.date(2026, 9, 1)
--   day_3 = datetime.date(2026, 10, 1)
--   lag_1 = 7
--   lag_10 = 14
--   lag_11 = 21
--   lag_12 = 28
--   lag_2 = 14
--   lag_3 = 21
--   lag_4 = 28
--   lag_5 = 7
--   lag_6 = 14
--   lag_7 = 21
--   lag_8 = 28
--   lag_9 = 7
--   param_1 = 0
--   param_10 = datetime.date(2025, 9, 6)
--   param_100 = 1000.0
--   param_101 = 0
--   param_102 = 7
--   param_103 = 1
--   param_104 = 0
--   param_105 = 1
--   param_106 = 0
--   param_107 = datetime.date(2026, 9, 3)
--   param_108 = datetime.date(2026, 9, 4)
--   param_109 = datetime.date(2026, 9, 5)
--   param_11 = datetime.date(2025, 9, 7)
--   param_110 = datetime.date(2026, 9, 6)
--   param_111 = datetime.date(2026, 9, 7)
--   param_112 = datetime.date(2026, 9, 8)
--   param_113 = datetime.date(2026, 9, 9)
--   param_114 = datetime.date(2026, 9, 10)
--   param_115 = datetime.date(2026, 9, 11)
--   param_116 = datetime.date(2026, 9, 12)
--   param_117 = datetime.date(2026, 9, 13)
--   param_118 = datetime.date(2026, 9, 14)
--   param_119 = datetime.date(2026, 9, 15)
--   param_12 = datetime.date(2025, 9, 8)
--   param_120 = datetime.date(2026, 9, 16)
--   param_121 = datetime.date(2026, 9, 17)
--   param_122 = datetime.date(2026, 9, 18)
--   param_123 = datetime.date(2026, 9, 19)
--   param_124 = datetime.date(2026, 9, 20)
--   param_125 = datetime.date(2026, 9, 21)
--   param_126 = datetime.date(2026, 9, 22)
--   param_127 = datetime.date(2026, 9, 23)
--   param_128 = datetime.date(2026, 9, 24)
--   param_129 = datetime.date(2026, 9, 25)
--   param_13 = datetime.date(2025, 9, 9)
--   param_130 = datetime.date(2026, 9, 26)
--   param_131 = datetime.date(2026, 9, 27)
--   param_132 = datetime.date(2026, 9, 28)
--   param_133 = datetime.date(2026, 9, 29)
--   param_134 = datetime.date(2026, 9, 30)
--   param_135 = datetime.date(2026, 10, 1)
--   param_136 = datetime.date(2026, 10, 2)
--   param_137 = datetime.date(2026, 10, 3)
--   param_138 = datetime.date(2026, 10, 4)
--   param_139 = datetime.date(2026, 10, 5)
--   param_14 = datetime.date(2025, 9, 10)
--   param_140 = datetime.date(2026, 10, 6)
--   param_141 = datetime.date(2026, 10, 7)
--   param_142 = datetime.date(2026, 10, 8)
--   param_143 = datetime.date(2026, 10, 9)
--   param_144 = datetime.date(2026, 10, 10)
--   param_145 = datetime.date(2026, 10, 11)
--   param_146 = datetime.date(2026, 10, 12)
--   param_147 = datetime.date(2026, 10, 13)
--   param_148 = datetime.date(2026, 10, 14)
--   param_149 = datetime.date(2026, 10, 15)
--   param_15 = datetime.date(2025, 9, 11)
--   param_150 = 1000.0
--   param_16 = datetime.date(2025, 9, 12)
--   param_17 = datetime.date(2025, 9, 13)
--   param_18 = datetime.date(2025, 9, 14)
--   param_19 = datetime.date(2025, 9, 15)
--   param_2 = 7
--   param_20 = datetime.date(2025, 9, 16)
--   param_21 = datetime.date(2025, 9, 17)
--   param_22 = datetime.date(2025, 9, 18)
--   param_23 = datetime.date(2025, 9, 19)
--   param_24 = datetime.date(2025, 9, 20)
--   param_25 = datetime.date(2025, 9, 21)
--   param_26 = datetime.date(2025, 9, 22)
--   param_27 = datetime.date(2025, 9, 23)
--   param_28 = datetime.date(2025, 9, 24)
--   param_29 = datetime.date(2025, 9, 25)
--   param_3 = 1
--   param_30 = datetime.date(2025, 9, 26)
--   param_31 = datetime.date(2025, 9, 27)
--   param_32 = datetime.date(2025, 9, 28)
--   param_33 = datetime.date(2025, 9, 29)
--   param_34 = datetime.date(2025, 9, 30)
--   param_35 = datetime.date(2025, 10, 1)
--   param_36 = datetime.date(2025, 10, 2)
--   param_37 = datetime.date(2025, 10, 3)
--   param_38 = datetime.date(2025, 10, 4)
--   param_39 = datetime.date(2025, 10, 5)
--   param_4 = 0
--   param_40 = datetime.date(2025, 10, 6)
--   param_41 = datetime.date(2025, 10, 7)
--   param_42 = datetime.date(2025, 10, 8)
--   param_43 = datetime.date(2025, 10, 9)
--   param_44 = datetime.date(2025, 10, 10)
--   param_45 = datetime.date(2025, 10, 11)
--   param_46 = datetime.date(2025, 10, 12)
--   param_47 = datetime.date(2025, 10, 13)
--   param_48 = datetime.date(2025, 10, 14)
--   param_49 = datetime.date(2025, 10, 15)
--   param_5 = 1
--   param_50 = 1000.0
--   param_51 = 0
--   param_52 = 7
--   param_53 = 1
--   param_54 = 0
--   param_55 = 1
--   param_56 = 0
--   param_57 = datetime.date(2026, 8, 4)
--   param_58 = datetime.date(2026, 8, 5)
--   param_59 = datetime.date(2026, 8, 6)
--   param_6 = 0
--   param_60 = datetime.date(2026, 8, 7)
--   param_61 = datetime.date(2026, 8, 8)
--   param_62 = datetime.date(2026, 8, 9)
--   param_63 = datetime.date(2026, 8, 10)
--   param_64 = datetime.date(2026, 8, 11)
--   param_65 = datetime.date(2026, 8, 12)
--   param_66 = datetime.date(2026, 8, 13)
--   param_67 = datetime.date(2026, 8, 14)
--   param_68 = datetime.date(2026, 8, 15)
--   param_69 = datetime.date(2026, 8, 16)
--   param_7 = datetime.date(2025, 9, 3)
--   param_70 = datetime.date(2026, 8, 17)
--   param_71 = datetime.date(2026, 8, 18)
--   param_72 = datetime.date(2026, 8, 19)
--   param_73 = datetime.date(2026, 8, 20)
--   param_74 = datetime.date(2026, 8, 21)
--   param_75 = datetime.date(2026, 8, 22)
--   param_76 = datetime.date(2026, 8, 23)
--   param_77 = datetime.date(2026, 8, 24)
--   param_78 = datetime.date(2026, 8, 25)
--   param_79 = datetime.date(2026, 8, 26)
--   param_8 = datetime.date(2025, 9, 4)
--   param_80 = datetime.date(2026, 8, 27)
--   param_81 = datetime.date(2026, 8, 28)
--   param_82 = datetime.date(2026, 8, 29)
--   param_83 = datetime.date(2026, 8, 30)
--   param_84 = datetime.date(2026, 8, 31)
--   param_85 = datetime.date(2026, 9, 1)
--   param_86 = datetime.date(2026, 9, 2)
--   param_87 = datetime.date(2026, 9, 3)
--   param_88 = datetime.date(2026, 9, 4)
--   param_89 = datetime.date(2026, 9, 5)
--   param_9 = datetime.date(2025, 9, 5)
--   param_90 = datetime.date(2026, 9, 6)
--   param_91 = datetime.date(2026, 9, 7)
--   param_92 = datetime.date(2026, 9, 8)
--   param_93 = datetime.date(2026, 9, 9)
--   param_94 = datetime.date(2026, 9, 10)
--   param_95 = datetime.date(2026, 9, 11)
--   param_96 = datetime.date(2026, 9, 12)
--   param_97 = datetime.date(2026, 9, 13)
--   param_98 = datetime.date(2026, 9, 14)
--   param_99 = datetime.date(2026, 9, 15)
--   t_1 = 40
--   t_2 = 40
--   t_3 = 40
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 9, 3, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 8, 4, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 9, 3, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_nozzle_days AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id, fuel_sales.station_id AS station_id, fuel_sales.nozzle_no AS nozzle_no, CAST(fuel_sales.ts AS DATE) AS day 
FROM fuel_sales JOIN w0_entity_stations ON w0_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE), 
w0_nozzle_counts AS 
(SELECT w0_nozzle_days.entity_id AS entity_id,
  count(*) AS active_nozzle_days 
FROM w0_nozzle_days GROUP BY w0_nozzle_days.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_nozzle_days AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id, fuel_sales.station_id AS station_id, fuel_sales.nozzle_no AS nozzle_no, CAST(fuel_sales.ts AS DATE) AS day 
FROM fuel_sales JOIN w1_entity_stations ON w1_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE), 
w1_nozzle_counts AS 
(SELECT w1_nozzle_days.entity_id AS entity_id,
  count(*) AS active_nozzle_days 
FROM w1_nozzle_days GROUP BY w1_nozzle_days.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_nozzle_days AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id, fuel_sales.station_id AS station_id, fuel_sales.nozzle_no AS nozzle_no, CAST(fuel_sales.ts AS DATE) AS day 
FROM fuel_sales JOIN w2_entity_stations ON w2_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE), 
w2_nozzle_counts AS 
(SELECT w2_nozzle_days.entity_id AS entity_id,
  count(*) AS active_nozzle_days 
FROM w2_nozzle_days GROUP BY w2_nozzle_days.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.active_nozzle_days 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_nozzle_counts.active_nozzle_days, %(coalesce_1)s::INTEGER) AS active_nozzle_days 
FROM w0_entities LEFT OUTER JOIN w0_nozzle_counts ON w0_nozzle_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.active_nozzle_days 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_nozzle_counts.active_nozzle_days, %(coalesce_2)s::INTEGER) AS active_nozzle_days 
FROM w1_entities LEFT OUTER JOIN w1_nozzle_counts ON w1_nozzle_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.active_nozzle_days 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_nozzle_counts.active_nozzle_days, %(coalesce_3)s::INTEGER) AS active_nozzle_days 
FROM w2_entities LEFT OUTER JOIN w2_nozzle_counts ON w2_nozzle_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_2 = 0
--   coalesce_3 = 0
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_8)s::DATE), (%(param_9)s::DATE), (%(param_10)s::DATE), (%(param_11)s::DATE), (%(param_12)s::DATE), (%(param_13)s::DATE), (%(param_14)s::DATE), (%(param_15)s::DATE), (%(param_16)s::DATE), (%(param_17)s::DATE), (%(param_18)s::DATE), (%(param_19)s::DATE), (%(param_20)s::DATE), (%(param_21)s::DATE), (%(param_22)s::DATE), (%(param_23)s::DATE), (%(param_24)s::DATE), (%(param_25)s::DATE), (%(param_26)s::DATE), (%(param_27)s::DATE), (%(param_28)s::DATE), (%(param_29)s::DATE), (%(param_30)s::DATE), (%(param_31)s::DATE), (%(param_32)s::DATE), (%(param_33)s::DATE), (%(param_34)s::DATE), (%(param_35)s::DATE), (%(param_36)s::DATE), (%(param_37)s::DATE), (%(param_38)s::DATE), (%(param_39)s::DATE), (%(param_40)s::DATE), (%(param_41)s::DATE), (%(param_42)s::DATE), (%(param_43)s::DATE), (%(param_44)s::DATE), (%(param_45)s::DATE), (%(param_46)s::DATE), (%(param_47)s::DATE), (%(param_48)s::DATE), (%(param_49)s::DATE), (%(param_50)s::DATE)) AS cal_values (day)), 
w0_station_days AS 
(SELECT w0_entity_stations.entity_id AS entity_id, w0_entity_stations.station_id AS station_id, w0_calendar.day AS day 
FROM w0_entity_stations JOIN w0_calendar ON w0_entity_stations.opened_on <= w0_calendar.day), 
w0_product_days AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.product_code AS product_code, CAST(fuel_sales.ts AS DATE) AS day,
  sum(fuel_sales.liters) AS l 
FROM fuel_sales 
WHERE fuel_sales.station_id IN (SELECT w0_entity_stations.station_id 
FROM w0_entity_stations) AND fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.product_code, CAST(fuel_sales.ts AS DATE)), 
w0_station_products AS 
(SELECT DISTINCT w0_product_days.station_id AS station_id, w0_product_days.product_code AS product_code 
FROM w0_product_days), 
w0_product_series AS 
(SELECT w0_station_days.entity_id AS entity_id, w0_station_days.day AS day, CASE WHEN (w0_product_days.l > %(l_1)s::INTEGER) THEN %(param_4)s::INTEGER ELSE %(param_5)s::INTEGER END AS sold,
  sum(CASE WHEN (w0_product_days.l > %(l_1)s::INTEGER) THEN %(param_4)s::INTEGER ELSE %(param_5)s::INTEGER END) OVER (PARTITION BY w0_station_days.station_id, w0_station_products.product_code ORDER BY w0_station_days.day ROWS BETWEEN %(param_6)s::INTEGER PRECEDING AND %(param_7)s::INTEGER PRECEDING) AS sold_before 
FROM w0_station_days JOIN w0_station_products ON w0_station_products.station_id = w0_station_days.station_id LEFT OUTER JOIN w0_product_days ON w0_product_days.station_id = w0_station_days.station_id AND w0_product_days.product_code = w0_station_products.product_code AND w0_product_days.day = w0_station_days.day), 
w0_stockout_counts AS 
(SELECT w0_product_series.entity_id AS entity_id,
  sum(CASE WHEN (w0_product_series.sold = %(sold_1)s::INTEGER AND w0_product_series.sold_before * %(sold_before_1)s::INTEGER >= %(param_1)s::INTEGER) THEN %(param_2)s::INTEGER ELSE %(param_3)s::INTEGER END) AS stockout_events 
FROM w0_product_series 
WHERE w0_product_series.day >= %(day_1)s::DATE GROUP BY w0_product_series.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_58)s::DATE), (%(param_59)s::DATE), (%(param_60)s::DATE), (%(param_61)s::DATE), (%(param_62)s::DATE), (%(param_63)s::DATE), (%(param_64)s::DATE), (%(param_65)s::DATE), (%(param_66)s::DATE), (%(param_67)s::DATE), (%(param_68)s::DATE), (%(param_69)s::DATE), (%(param_70)s::DATE), (%(param_71)s::DATE), (%(param_72)s::DATE), (%(param_73)s::DATE), (%(param_74)s::DATE), (%(param_75)s::DATE), (%(param_76)s::DATE), (%(param_77)s::DATE), (%(param_78)s::DATE), (%(param_79)s::DATE), (%(param_80)s::DATE), (%(param_81)s::DATE), (%(param_82)s::DATE), (%(param_83)s::DATE), (%(param_84)s::DATE), (%(param_85)s::DATE), (%(param_86)s::DATE), (%(param_87)s::DATE), (%(param_88)s::DATE), (%(param_89)s::DATE), (%(param_90)s::DATE), (%(param_91)s::DATE), (%(param_92)s::DATE), (%(param_93)s::DATE), (%(param_94)s::DATE), (%(param_95)s::DATE), (%(param_96)s::DATE), (%(param_97)s::DATE), (%(param_98)s::DATE), (%(param_99)s::DATE), (%(param_100)s::DATE)) AS cal_values (day)), 
w1_station_days AS 
(SELECT w1_entity_stations.entity_id AS entity_id, w1_entity_stations.station_id AS station_id, w1_calendar.day AS day 
FROM w1_entity_stations JOIN w1_calendar ON w1_entity_stations.opened_on <= w1_calendar.day), 
w1_product_days AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.product_code AS product_code, CAST(fuel_sales.ts AS DATE) AS day,
  sum(fuel_sales.liters) AS l 
FROM fuel_sales 
WHERE fuel_sales.station_id IN (SELECT w1_entity_stations.station_id 
FROM w1_entity_stations) AND fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.product_code, CAST(fuel_sales.ts AS DATE)), 
w1_station_products AS 
(SELECT DISTINCT w1_product_days.station_id AS station_id, w1_product_days.product_code AS product_code 
FROM w1_product_days), 
w1_product_series AS 
(SELECT w1_station_days.entity_id AS entity_id, w1_station_days.day AS day, CASE WHEN (w1_product_days.l > %(l_2)s::INTEGER) THEN %(param_54)s::INTEGER ELSE %(param_55)s::INTEGER END AS sold,
  sum(CASE WHEN (w1_product_days.l > %(l_2)s::INTEGER) THEN %(param_54)s::INTEGER ELSE %(param_55)s::INTEGER END) OVER (PARTITION BY w1_station_days.station_id, w1_station_products.product_code ORDER BY w1_station_days.day ROWS BETWEEN %(param_56)s::INTEGER PRECEDING AND %(param_57)s::INTEGER PRECEDING) AS sold_before 
FROM w1_station_days JOIN w1_station_products ON w1_station_products.station_id = w1_station_days.station_id LEFT OUTER JOIN w1_product_days ON w1_product_days.station_id = w1_station_days.station_id AND w1_product_days.product_code = w1_station_products.product_code AND w1_product_days.day = w1_station_days.day), 
w1_stockout_counts AS 
(SELECT w1_product_series.entity_id AS entity_id,
  sum(CASE WHEN (w1_product_series.sold = %(sold_2)s::INTEGER AND w1_product_series.sold_before * %(sold_before_2)s::INTEGER >= %(param_51)s::INTEGER) THEN %(param_52)s::INTEGER ELSE %(param_53)s::INTEGER END) AS stockout_events 
FROM w1_product_series 
WHERE w1_product_series.day >= %(day_2)s::DATE GROUP BY w1_product_series.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_calendar AS 
(SELECT cal_values.day AS day 
FROM (VALUES (%(param_108)s::DATE), (%(param_109)s::DATE), (%(param_110)s::DATE), (%(param_111)s::DATE), (%(param_112)s::DATE), (%(param_113)s::DATE), (%(param_114)s::DATE), (%(param_115)s::DATE), (%(param_116)s::DATE), (%(param_117)s::DATE), (%(param_118)s::DATE), (%(param_119)s::DATE), (%(param_120)s::DATE), (%(param_121)s::DATE), (%(param_122)s::DATE), (%(param_123)s::DATE), (%(param_124)s::DATE), (%(param_125)s::DATE), (%(param_126)s::DATE), (%(param_127)s::DATE), (%(param_128)s::DATE), (%(param_129)s::DATE), (%(param_130)s::DATE), (%(param_131)s::DATE), (%(param_132)s::DATE), (%(param_133)s::DATE), (%(param_134)s::DATE), (%(param_135)s::DATE), (%(param_136)s::DATE), (%(param_137)s::DATE), (%(param_138)s::DATE), (%(param_139)s::DATE), (%(param_140)s::DATE), (%(param_141)s::DATE), (%(param_142)s::DATE), (%(param_143)s::DATE), (%(param_144)s::DATE), (%(param_145)s::DATE), (%(param_146)s::DATE), (%(param_147)s::DATE), (%(param_148)s::DATE), (%(param_149)s::DATE), (%(param_150)s::DATE)) AS cal_values (day)), 
w2_station_days AS 
(SELECT w2_entity_stations.entity_id AS entity_id, w2_entity_stations.station_id AS station_id, w2_calendar.day AS day 
FROM w2_entity_stations JOIN w2_calendar ON w2_entity_stations.opened_on <= w2_calendar.day), 
w2_product_days AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.product_code AS product_code, CAST(fuel_sales.ts AS DATE) AS day,
  sum(fuel_sales.liters) AS l 
FROM fuel_sales 
WHERE fuel_sales.station_id IN (SELECT w2_entity_stations.station_id 
FROM w2_entity_stations) AND fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.product_code, CAST(fuel_sales.ts AS DATE)), 
w2_station_products AS 
(SELECT DISTINCT w2_product_days.station_id AS station_id, w2_product_days.product_code AS product_code 
FROM w2_product_days), 
w2_product_series AS 
(SELECT w2_station_days.entity_id AS entity_id, w2_station_days.day AS day, CASE WHEN (w2_product_days.l > %(l_3)s::INTEGER) THEN %(param_104)s::INTEGER ELSE %(param_105)s::INTEGER END AS sold,
  sum(CASE WHEN (w2_product_days.l > %(l_3)s::INTEGER) THEN %(param_104)s::INTEGER ELSE %(param_105)s::INTEGER END) OVER (PARTITION BY w2_station_days.station_id, w2_station_products.product_code ORDER BY w2_station_days.day ROWS BETWEEN %(param_106)s::INTEGER PRECEDING AND %(param_107)s::INTEGER PRECEDING) AS sold_before 
FROM w2_station_days JOIN w2_station_products ON w2_station_products.station_id = w2_station_days.station_id LEFT OUTER JOIN w2_product_days ON w2_product_days.station_id = w2_station_days.station_id AND w2_product_days.product_code = w2_station_products.product_code AND w2_product_days.day = w2_station_days.day), 
w2_stockout_counts AS 
(SELECT w2_product_series.entity_id AS entity_id,
  sum(CASE WHEN (w2_product_series.sold = %(sold_3)s::INTEGER AND w2_product_series.sold_before * %(sold_before_3)s::INTEGER >= %(param_101)s::INTEGER) THEN %(param_102)s::INTEGER ELSE %(param_103)s::INTEGER END) AS stockout_events 
FROM w2_product_series 
WHERE w2_product_series.day >= %(day_3)s::DATE GROUP BY w2_product_series.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.stockout_events 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_stockout_counts.stockout_events, %(coalesce_1)s::INTEGER) AS stockout_events 
FROM w0_entities LEFT OUTER JOIN w0_stockout_counts ON w0_stockout_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.stockout_events 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_stockout_counts.stockout_events, %(coalesce_2)s::INTEGER) AS stockout_events 
FROM w1_entities LEFT OUTER JOIN w1_stockout_counts ON w1_stockout_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.stockout_events 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_stockout_counts.stockout_events, %(coalesce_3)s::INTEGER) AS stockout_events 
FROM w2_entities LEFT OUTER JOIN w2_stockout_counts ON w2_stockout_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_2 = 0
--   coalesce_3 = 0
--   day_1 = datetime.date(2025, 10, 1)
--   day_2 = datetime.date(2026, 9, 1)
--   day_3 = datetime.date(2026, 10, 1)
--   l_1 = 0
--   l_2 = 0
--   l_3 = 0
--   param_1 = 224
--   param_10 = datetime.date(2025, 9, 5)
--   param_100 = datetime.date(2026, 9, 15)
--   param_101 = 224
--   param_102 = 1
--   param_103 = 0
--   param_104 = 1
--   param_105 = 0
--   param_106 = 28
--   param_107 = 1
--   param_108 = datetime.date(2026, 9, 3)
--   param_109 = datetime.date(2026, 9, 4)
--   param_11 = datetime.date(2025, 9, 6)
--   param_110 = datetime.date(2026, 9, 5)
--   param_111 = datetime.date(2026, 9, 6)
--   param_112 = datetime.date(2026, 9, 7)
--   param_113 = datetime.date(2026, 9, 8)
--   param_114 = datetime.date(2026, 9, 9)
--   param_115 = datetime.date(2026, 9, 10)
--   param_116 = datetime.date(2026, 9, 11)
--   param_117 = datetime.date(2026, 9, 12)
--   param_118 = datetime.date(2026, 9, 13)
--   param_119 = datetime.date(2026, 9, 14)
--   param_12 = datetime.date(2025, 9, 7)
--   param_120 = datetime.date(2026, 9, 15)
--   param_121 = datetime.date(2026, 9, 16)
--   param_122 = datetime.date(2026, 9, 17)
--   param_123 = datetime.date(2026, 9, 18)
--   param_124 = datetime.date(2026, 9, 19)
--   param_125 = datetime.date(2026, 9, 20)
--   param_126 = datetime.date(2026, 9, 21)
--   param_127 = datetime.date(2026, 9, 22)
--   param_128 = datetime.date(2026, 9, 23)
--   param_129 = datetime.date(2026, 9, 24)
--   param_13 = datetime.date(2025, 9, 8)
--   param_130 = datetime.date(2026, 9, 25)
--   param_131 = datetime.date(2026, 9, 26)
--   param_132 = datetime.date(2026, 9, 27)
--   param_133 = datetime.date(2026, 9, 28)
--   param_134 = datetime.date(2026, 9, 29)
--   param_135 = datetime.date(2026, 9, 30)
--   param_136 = datetime.date(2026, 10, 1)
--   param_137 = datetime.date(2026, 10, 2)
--   param_138 = datetime.date(2026, 10, 3)
--   param_139 = datetime.date(2026, 10, 4)
--   param_14 = datetime.date(2025, 9, 9)
--   param_140 = datetime.date(2026, 10, 5)
--   param_141 = datetime.date(2026, 10, 6)
--   param_142 = datetime.date(2026, 10, 7)
--   param_143 = datetime.date(2026, 10, 8)
--   param_144 = datetime.date(2026, 10, 9)
--   param_145 = datetime.date(2026, 10, 10)
--   param_146 = datetime.date(2026, 10, 11)
--   param_147 = datetime.date(2026, 10, 12)
--   param_148 = datetime.date(2026, 10, 13)
--   param_149 = datetime.date(2026, 10, 14)
--   param_15 = datetime.date(2025, 9, 10)
--   param_150 = datetime.date(2026, 10, 15)
--   param_16 = datetime.date(2025, 9, 11)
--   param_17 = datetime.date(2025, 9, 12)
--   param_18 = datetime.date(2025, 9, 13)
--   param_19 = datetime.date(2025, 9, 14)
--   param_2 = 1
--   param_20 = datetime.date(2025, 9, 15)
--   param_21 = datetime.date(2025, 9, 16)
--   param_22 = datetime.date(2025, 9, 17)
--   param_23 = datetime.date(2025, 9, 18)
--   param_24 = datetime.date(2025, 9, 19)
--   param_25 = datetime.date(2025, 9, 20)
--   param_26 = datetime.date(2025, 9, 21)
--   param_27 = datetime.date(2025, 9, 22)
--   param_28 = datetime.date(2025, 9, 23)
--   param_29 = datetime.date(2025, 9, 24)
--   param_3 = 0
--   param_30 = datetime.date(2025, 9, 25)
--   param_31 = datetime.date(2025, 9, 26)
--   param_32 = datetime.date(2025, 9, 27)
--   param_33 = datetime.date(2025, 9, 28)
--   param_34 = datetime.date(2025, 9, 29)
--   param_35 = datetime.date(2025, 9, 30)
--   param_36 = datetime.date(2025, 10, 1)
--   param_37 = datetime.date(2025, 10, 2)
--   param_38 = datetime.date(2025, 10, 3)
--   param_39 = datetime.date(2025, 10, 4)
--   param_4 = 1
--   param_40 = datetime.date(2025, 10, 5)
--   param_41 = datetime.date(2025, 10, 6)
--   param_42 = datetime.date(2025, 10, 7)
--   param_43 = datetime.date(2025, 10, 8)
--   param_44 = datetime.date(2025, 10, 9)
--   param_45 = datetime.date(2025, 10, 10)
--   param_46 = datetime.date(2025, 10, 11)
--   param_47 = datetime.date(2025, 10, 12)
--   param_48 = datetime.date(2025, 10, 13)
--   param_49 = datetime.date(2025, 10, 14)
--   param_5 = 0
--   param_50 = datetime.date(2025, 10, 15)
--   param_51 = 224
--   param_52 = 1
--   param_53 = 0
--   param_54 = 1
--   param_55 = 0
--   param_56 = 28
--   param_57 = 1
--   param_58 = datetime.date(2026, 8, 4)
--   param_59 = datetime.date(2026, 8, 5)
--   param_6 = 28
--   param_60 = datetime.date(2026, 8, 6)
--   param_61 = datetime.date(2026, 8, 7)
--   param_62 = datetime.date(2026, 8, 8)
--   param_63 = datetime.date(2026, 8, 9)
--   param_64 = datetime.date(2026, 8, 10)
--   param_65 = datetime.date(2026, 8, 11)
--   param_66 = datetime.date(2026, 8, 12)
--   param_67 = datetime.date(2026, 8, 13)
--   param_68 = datetime.date(2026, 8, 14)
--   param_69 = datetime.date(2026, 8, 15)
--   param_7 = 1
--   param_70 = datetime.date(2026, 8, 16)
--   param_71 = datetime.date(2026, 8, 17)
--   param_72 = datetime.date(2026, 8, 18)
--   param_73 = datetime.date(2026, 8, 19)
--   param_74 = datetime.date(2026, 8, 20)
--   param_75 = datetime.date(2026, 8, 21)
--   param_76 = datetime.date(2026, 8, 22)
--   param_77 = datetime.date(2026, 8, 23)
--   param_78 = datetime.date(2026, 8, 24)
--   param_79 = datetime.date(2026, 8, 25)
--   param_8 = datetime.date(2025, 9, 3)
--   param_80 = datetime.date(2026, 8, 26)
--   param_81 = datetime.date(2026, 8, 27)
--   param_82 = datetime.date(2026, 8, 28)
--   param_83 = datetime.date(2026, 8, 29)
--   param_84 = datetime.date(2026, 8, 30)
--   param_85 = datetime.date(2026, 8, 31)
--   param_86 = datetime.date(2026, 9, 1)
--   param_87 = datetime.date(2026, 9, 2)
--   param_88 = datetime.date(2026, 9, 3)
--   param_89 = datetime.date(2026, 9, 4)
--   param_9 = datetime.date(2025, 9, 4)
--   param_90 = datetime.date(2026, 9, 5)
--   param_91 = datetime.date(2026, 9, 6)
--   param_92 = datetime.date(2026, 9, 7)
--   param_93 = datetime.date(2026, 9, 8)
--   param_94 = datetime.date(2026, 9, 9)
--   param_95 = datetime.date(2026, 9, 10)
--   param_96 = datetime.date(2026, 9, 11)
--   param_97 = datetime.date(2026, 9, 12)
--   param_98 = datetime.date(2026, 9, 13)
--   param_99 = datetime.date(2026, 9, 14)
--   sold_1 = 0
--   sold_2 = 0
--   sold_3 = 0
--   sold_before_1 = 10
--   sold_before_2 = 10
--   sold_before_3 = 10
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 9, 3, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2026, 8, 4, 0, 0)
--   ts_4 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_5 = datetime.datetime(2026, 9, 3, 0, 0)
--   ts_6 = datetime.datetime(2026, 10, 16, 0, 0)

WITH w0_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_1])), 
w0_entities AS 
(SELECT DISTINCT w0_entity_stations.entity_id AS entity_id 
FROM w0_entity_stations), 
w0_entity_active_customer_months AS 
(SELECT w0_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w0_entity_stations ON w0_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_8)s::DATE UNION ALL SELECT w0_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_7)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w0_entity_stations ON w0_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_1)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_2)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_entity_stations.entity_id, fuel_sales.customer_id), 
w0_entity_active_customer_state AS 
(SELECT w0_entity_active_customer_months.entity_id AS entity_id, w0_entity_active_customer_months.customer_id AS customer_id, max(w0_entity_active_customer_months.month) AS last, max(CASE WHEN (w0_entity_active_customer_months.month <= %(month_1)s::DATE) THEN w0_entity_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w0_entity_active_customer_months.month = %(month_2)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_1)s END) AS l0,
  sum(CASE WHEN (w0_entity_active_customer_months.month = %(month_3)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_2)s END) AS l1,
  sum(CASE WHEN (w0_entity_active_customer_months.month = %(month_4)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_3)s END) AS l2,
  sum(CASE WHEN (w0_entity_active_customer_months.month = %(month_5)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_4)s END) AS l3,
  sum(CASE WHEN (w0_entity_active_customer_months.month = %(month_6)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_5)s END) AS l4,
  sum(CASE WHEN (w0_entity_active_customer_months.month >= %(month_7)s::DATE) THEN w0_entity_active_customer_months.liters ELSE %(param_6)s END) AS win 
FROM w0_entity_active_customer_months GROUP BY w0_entity_active_customer_months.entity_id, w0_entity_active_customer_months.customer_id), 
w0_entity_active AS 
(SELECT w0_entity_active_customer_state.entity_id AS entity_id, w0_entity_active_customer_state.customer_id AS customer_id 
FROM w0_entity_active_customer_state 
WHERE w0_entity_active_customer_state.last >= %(last_1)s::DATE), 
w0_rfm_base AS 
(SELECT w0_entity_active.entity_id AS entity_id,
  count(*) AS n 
FROM w0_entity_active GROUP BY w0_entity_active.entity_id), 
w0_province_stations AS 
(SELECT stations.station_id AS station_id, stations.province_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.province_id IN (SELECT stations.province_id 
FROM stations JOIN w0_entity_stations ON w0_entity_stations.station_id = stations.station_id)), 
w0_station_fm AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.customer_id AS customer_id,
  count(*) AS f,
  sum(fuel_sales.paid_amount) AS mon, max(fuel_sales.ts) AS last_ts 
FROM fuel_sales JOIN w0_province_stations ON w0_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_3)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_4)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.customer_id), 
w0_entity_fm AS 
(SELECT w0_entity_stations.entity_id AS entity_id, w0_station_fm.customer_id AS customer_id,
  sum(w0_station_fm.f) AS f,
  sum(w0_station_fm.mon) AS mon, max(w0_station_fm.last_ts) AS last_ts 
FROM w0_station_fm JOIN w0_entity_stations ON w0_entity_stations.station_id = w0_station_fm.station_id GROUP BY w0_entity_stations.entity_id, w0_station_fm.customer_id), 
w0_province_active_customer_months AS 
(SELECT w0_province_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w0_province_stations ON w0_province_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_16)s::DATE UNION ALL SELECT w0_province_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_16)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w0_province_stations ON w0_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_5)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_6)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w0_province_stations.entity_id, fuel_sales.customer_id), 
w0_province_active_customer_state AS 
(SELECT w0_province_active_customer_months.entity_id AS entity_id, w0_province_active_customer_months.customer_id AS customer_id, max(w0_province_active_customer_months.month) AS last, max(CASE WHEN (w0_province_active_customer_months.month <= %(month_9)s::DATE) THEN w0_province_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w0_province_active_customer_months.month = %(month_10)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_10)s END) AS l0,
  sum(CASE WHEN (w0_province_active_customer_months.month = %(month_11)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_11)s END) AS l1,
  sum(CASE WHEN (w0_province_active_customer_months.month = %(month_12)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_12)s END) AS l2,
  sum(CASE WHEN (w0_province_active_customer_months.month = %(month_13)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_13)s END) AS l3,
  sum(CASE WHEN (w0_province_active_customer_months.month = %(month_14)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_14)s END) AS l4,
  sum(CASE WHEN (w0_province_active_customer_months.month >= %(month_15)s::DATE) THEN w0_province_active_customer_months.liters ELSE %(param_15)s END) AS win 
FROM w0_province_active_customer_months GROUP BY w0_province_active_customer_months.entity_id, w0_province_active_customer_months.customer_id), 
w0_province_active AS 
(SELECT w0_province_active_customer_state.entity_id AS entity_id, w0_province_active_customer_state.customer_id AS customer_id 
FROM w0_province_active_customer_state 
WHERE w0_province_active_customer_state.last >= %(last_2)s::DATE), 
w0_province_fm AS 
(SELECT w0_province_stations.entity_id AS entity_id, w0_station_fm.customer_id AS customer_id,
  sum(w0_station_fm.f) AS f,
  sum(w0_station_fm.mon) AS mon, max(w0_station_fm.last_ts) AS last_ts 
FROM w0_station_fm JOIN w0_province_stations ON w0_province_stations.station_id = w0_station_fm.station_id GROUP BY w0_province_stations.entity_id, w0_station_fm.customer_id), 
w0_province_medians AS 
(SELECT percentile_cont(%(percentile_cont_1)s) WITHIN GROUP (ORDER BY province_active_fm.f) AS f_med, percentile_cont(%(percentile_cont_2)s) WITHIN GROUP (ORDER BY province_active_fm.mon) AS mon_med 
FROM (SELECT coalesce(w0_province_fm.f, %(coalesce_4)s::INTEGER) AS f, coalesce(w0_province_fm.mon, %(coalesce_5)s) AS mon 
FROM w0_province_active LEFT OUTER JOIN w0_province_fm ON w0_province_fm.entity_id = w0_province_active.entity_id AND w0_province_fm.customer_id = w0_province_active.customer_id) AS province_active_fm), 
w0_rfm_high AS 
(SELECT w0_entity_fm.entity_id AS entity_id,
  sum(CASE WHEN (w0_entity_fm.last_ts >= %(last_ts_1)s::TIMESTAMP WITHOUT TIME ZONE) THEN %(param_8)s::INTEGER ELSE %(param_9)s::INTEGER END) AS rfm_high 
FROM w0_entity_fm JOIN w0_province_medians ON w0_entity_fm.f >= w0_province_medians.f_med AND w0_entity_fm.mon >= w0_province_medians.mon_med GROUP BY w0_entity_fm.entity_id), 
w0_rfm_counts AS 
(SELECT w0_rfm_base.entity_id AS entity_id, coalesce(w0_rfm_high.rfm_high, %(coalesce_3)s::INTEGER) AS rfm_high, w0_rfm_base.n AS rfm_base 
FROM w0_rfm_base LEFT OUTER JOIN w0_rfm_high ON w0_rfm_high.entity_id = w0_rfm_base.entity_id), 
w1_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_2])), 
w1_entities AS 
(SELECT DISTINCT w1_entity_stations.entity_id AS entity_id 
FROM w1_entity_stations), 
w1_entity_active_customer_months AS 
(SELECT w1_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w1_entity_stations ON w1_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_24)s::DATE UNION ALL SELECT w1_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_23)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w1_entity_stations ON w1_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_7)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_8)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_entity_stations.entity_id, fuel_sales.customer_id), 
w1_entity_active_customer_state AS 
(SELECT w1_entity_active_customer_months.entity_id AS entity_id, w1_entity_active_customer_months.customer_id AS customer_id, max(w1_entity_active_customer_months.month) AS last, max(CASE WHEN (w1_entity_active_customer_months.month <= %(month_17)s::DATE) THEN w1_entity_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w1_entity_active_customer_months.month = %(month_18)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_17)s END) AS l0,
  sum(CASE WHEN (w1_entity_active_customer_months.month = %(month_19)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_18)s END) AS l1,
  sum(CASE WHEN (w1_entity_active_customer_months.month = %(month_20)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_19)s END) AS l2,
  sum(CASE WHEN (w1_entity_active_customer_months.month = %(month_21)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_20)s END) AS l3,
  sum(CASE WHEN (w1_entity_active_customer_months.month = %(month_22)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_21)s END) AS l4,
  sum(CASE WHEN (w1_entity_active_customer_months.month >= %(month_23)s::DATE) THEN w1_entity_active_customer_months.liters ELSE %(param_22)s END) AS win 
FROM w1_entity_active_customer_months GROUP BY w1_entity_active_customer_months.entity_id, w1_entity_active_customer_months.customer_id), 
w1_entity_active AS 
(SELECT w1_entity_active_customer_state.entity_id AS entity_id, w1_entity_active_customer_state.customer_id AS customer_id 
FROM w1_entity_active_customer_state 
WHERE w1_entity_active_customer_state.last >= %(last_3)s::DATE), 
w1_rfm_base AS 
(SELECT w1_entity_active.entity_id AS entity_id,
  count(*) AS n 
FROM w1_entity_active GROUP BY w1_entity_active.entity_id), 
w1_province_stations AS 
(SELECT stations.station_id AS station_id, stations.province_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.province_id IN (SELECT stations.province_id 
FROM stations JOIN w1_entity_stations ON w1_entity_stations.station_id = stations.station_id)), 
w1_station_fm AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.customer_id AS customer_id,
  count(*) AS f,
  sum(fuel_sales.paid_amount) AS mon, max(fuel_sales.ts) AS last_ts 
FROM fuel_sales JOIN w1_province_stations ON w1_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_9)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_10)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.customer_id), 
w1_entity_fm AS 
(SELECT w1_entity_stations.entity_id AS entity_id, w1_station_fm.customer_id AS customer_id,
  sum(w1_station_fm.f) AS f,
  sum(w1_station_fm.mon) AS mon, max(w1_station_fm.last_ts) AS last_ts 
FROM w1_station_fm JOIN w1_entity_stations ON w1_entity_stations.station_id = w1_station_fm.station_id GROUP BY w1_entity_stations.entity_id, w1_station_fm.customer_id), 
w1_province_active_customer_months AS 
(SELECT w1_province_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w1_province_stations ON w1_province_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_32)s::DATE UNION ALL SELECT w1_province_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_32)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w1_province_stations ON w1_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_11)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_12)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w1_province_stations.entity_id, fuel_sales.customer_id), 
w1_province_active_customer_state AS 
(SELECT w1_province_active_customer_months.entity_id AS entity_id, w1_province_active_customer_months.customer_id AS customer_id, max(w1_province_active_customer_months.month) AS last, max(CASE WHEN (w1_province_active_customer_months.month <= %(month_25)s::DATE) THEN w1_province_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w1_province_active_customer_months.month = %(month_26)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_26)s END) AS l0,
  sum(CASE WHEN (w1_province_active_customer_months.month = %(month_27)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_27)s END) AS l1,
  sum(CASE WHEN (w1_province_active_customer_months.month = %(month_28)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_28)s END) AS l2,
  sum(CASE WHEN (w1_province_active_customer_months.month = %(month_29)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_29)s END) AS l3,
  sum(CASE WHEN (w1_province_active_customer_months.month = %(month_30)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_30)s END) AS l4,
  sum(CASE WHEN (w1_province_active_customer_months.month >= %(month_31)s::DATE) THEN w1_province_active_customer_months.liters ELSE %(param_31)s END) AS win 
FROM w1_province_active_customer_months GROUP BY w1_province_active_customer_months.entity_id, w1_province_active_customer_months.customer_id), 
w1_province_active AS 
(SELECT w1_province_active_customer_state.entity_id AS entity_id, w1_province_active_customer_state.customer_id AS customer_id 
FROM w1_province_active_customer_state 
WHERE w1_province_active_customer_state.last >= %(last_4)s::DATE), 
w1_province_fm AS 
(SELECT w1_province_stations.entity_id AS entity_id, w1_station_fm.customer_id AS customer_id,
  sum(w1_station_fm.f) AS f,
  sum(w1_station_fm.mon) AS mon, max(w1_station_fm.last_ts) AS last_ts 
FROM w1_station_fm JOIN w1_province_stations ON w1_province_stations.station_id = w1_station_fm.station_id GROUP BY w1_province_stations.entity_id, w1_station_fm.customer_id), 
w1_province_medians AS 
(SELECT percentile_cont(%(percentile_cont_3)s) WITHIN GROUP (ORDER BY province_active_fm.f) AS f_med, percentile_cont(%(percentile_cont_4)s) WITHIN GROUP (ORDER BY province_active_fm.mon) AS mon_med 
FROM (SELECT coalesce(w1_province_fm.f, %(coalesce_9)s::INTEGER) AS f, coalesce(w1_province_fm.mon, %(coalesce_10)s) AS mon 
FROM w1_province_active LEFT OUTER JOIN w1_province_fm ON w1_province_fm.entity_id = w1_province_active.entity_id AND w1_province_fm.customer_id = w1_province_active.customer_id) AS province_active_fm), 
w1_rfm_high AS 
(SELECT w1_entity_fm.entity_id AS entity_id,
  sum(CASE WHEN (w1_entity_fm.last_ts >= %(last_ts_2)s::TIMESTAMP WITHOUT TIME ZONE) THEN %(param_24)s::INTEGER ELSE %(param_25)s::INTEGER END) AS rfm_high 
FROM w1_entity_fm JOIN w1_province_medians ON w1_entity_fm.f >= w1_province_medians.f_med AND w1_entity_fm.mon >= w1_province_medians.mon_med GROUP BY w1_entity_fm.entity_id), 
w1_rfm_counts AS 
(SELECT w1_rfm_base.entity_id AS entity_id, coalesce(w1_rfm_high.rfm_high, %(coalesce_8)s::INTEGER) AS rfm_high, w1_rfm_base.n AS rfm_base 
FROM w1_rfm_base LEFT OUTER JOIN w1_rfm_high ON w1_rfm_high.entity_id = w1_rfm_base.entity_id), 
w2_entity_stations AS 
(SELECT stations.station_id AS station_id, stations.team_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.team_id IN (__[POSTCOMPILE_team_id_3])), 
w2_entities AS 
(SELECT DISTINCT w2_entity_stations.entity_id AS entity_id 
FROM w2_entity_stations), 
w2_entity_active_customer_months AS 
(SELECT w2_entity_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w2_entity_stations ON w2_entity_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_40)s::DATE UNION ALL SELECT w2_entity_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_39)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w2_entity_stations ON w2_entity_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_13)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_14)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_entity_stations.entity_id, fuel_sales.customer_id), 
w2_entity_active_customer_state AS 
(SELECT w2_entity_active_customer_months.entity_id AS entity_id, w2_entity_active_customer_months.customer_id AS customer_id, max(w2_entity_active_customer_months.month) AS last, max(CASE WHEN (w2_entity_active_customer_months.month <= %(month_33)s::DATE) THEN w2_entity_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w2_entity_active_customer_months.month = %(month_34)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_33)s END) AS l0,
  sum(CASE WHEN (w2_entity_active_customer_months.month = %(month_35)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_34)s END) AS l1,
  sum(CASE WHEN (w2_entity_active_customer_months.month = %(month_36)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_35)s END) AS l2,
  sum(CASE WHEN (w2_entity_active_customer_months.month = %(month_37)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_36)s END) AS l3,
  sum(CASE WHEN (w2_entity_active_customer_months.month = %(month_38)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_37)s END) AS l4,
  sum(CASE WHEN (w2_entity_active_customer_months.month >= %(month_39)s::DATE) THEN w2_entity_active_customer_months.liters ELSE %(param_38)s END) AS win 
FROM w2_entity_active_customer_months GROUP BY w2_entity_active_customer_months.entity_id, w2_entity_active_customer_months.customer_id), 
w2_entity_active AS 
(SELECT w2_entity_active_customer_state.entity_id AS entity_id, w2_entity_active_customer_state.customer_id AS customer_id 
FROM w2_entity_active_customer_state 
WHERE w2_entity_active_customer_state.last >= %(last_5)s::DATE), 
w2_rfm_base AS 
(SELECT w2_entity_active.entity_id AS entity_id,
  count(*) AS n 
FROM w2_entity_active GROUP BY w2_entity_active.entity_id), 
w2_province_stations AS 
(SELECT stations.station_id AS station_id, stations.province_id AS entity_id, stations.city_id AS city_id, stations.opened_on AS opened_on 
FROM stations 
WHERE stations.province_id IN (SELECT stations.province_id 
FROM stations JOIN w2_entity_stations ON w2_entity_stations.station_id = stations.station_id)), 
w2_station_fm AS 
(SELECT fuel_sales.station_id AS station_id, fuel_sales.customer_id AS customer_id,
  count(*) AS f,
  sum(fuel_sales.paid_amount) AS mon, max(fuel_sales.ts) AS last_ts 
FROM fuel_sales JOIN w2_province_stations ON w2_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_15)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_16)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY fuel_sales.station_id, fuel_sales.customer_id), 
w2_entity_fm AS 
(SELECT w2_entity_stations.entity_id AS entity_id, w2_station_fm.customer_id AS customer_id,
  sum(w2_station_fm.f) AS f,
  sum(w2_station_fm.mon) AS mon, max(w2_station_fm.last_ts) AS last_ts 
FROM w2_station_fm JOIN w2_entity_stations ON w2_entity_stations.station_id = w2_station_fm.station_id GROUP BY w2_entity_stations.entity_id, w2_station_fm.customer_id), 
w2_province_active_customer_months AS 
(SELECT w2_province_stations.entity_id AS entity_id, agg_customer_month.customer_id AS customer_id, agg_customer_month.month AS month, agg_customer_month.liters AS liters 
FROM agg_customer_month JOIN w2_province_stations ON w2_province_stations.station_id = agg_customer_month.station_id 
WHERE agg_customer_month.month < %(month_48)s::DATE UNION ALL SELECT w2_province_stations.entity_id AS entity_id, fuel_sales.customer_id AS customer_id, CAST(%(param_48)s::DATE AS DATE) AS month,
  sum(fuel_sales.liters) AS liters 
FROM fuel_sales JOIN w2_province_stations ON w2_province_stations.station_id = fuel_sales.station_id 
WHERE fuel_sales.customer_id IS NOT NULL AND fuel_sales.ts >= %(ts_17)s::TIMESTAMP WITHOUT TIME ZONE AND fuel_sales.ts < %(ts_18)s::TIMESTAMP WITHOUT TIME ZONE GROUP BY w2_province_stations.entity_id, fuel_sales.customer_id), 
w2_province_active_customer_state AS 
(SELECT w2_province_active_customer_months.entity_id AS entity_id, w2_province_active_customer_months.customer_id AS customer_id, max(w2_province_active_customer_months.month) AS last, max(CASE WHEN (w2_province_active_customer_months.month <= %(month_41)s::DATE) THEN w2_province_active_customer_months.month END) AS last_prev,
  sum(CASE WHEN (w2_province_active_customer_months.month = %(month_42)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_42)s END) AS l0,
  sum(CASE WHEN (w2_province_active_customer_months.month = %(month_43)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_43)s END) AS l1,
  sum(CASE WHEN (w2_province_active_customer_months.month = %(month_44)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_44)s END) AS l2,
  sum(CASE WHEN (w2_province_active_customer_months.month = %(month_45)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_45)s END) AS l3,
  sum(CASE WHEN (w2_province_active_customer_months.month = %(month_46)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_46)s END) AS l4,
  sum(CASE WHEN (w2_province_active_customer_months.month >= %(month_47)s::DATE) THEN w2_province_active_customer_months.liters ELSE %(param_47)s END) AS win 
FROM w2_province_active_customer_months GROUP BY w2_province_active_customer_months.entity_id, w2_province_active_customer_months.customer_id), 
w2_province_active AS 
(SELECT w2_province_active_customer_state.entity_id AS entity_id, w2_province_active_customer_state.customer_id AS customer_id 
FROM w2_province_active_customer_state 
WHERE w2_province_active_customer_state.last >= %(last_6)s::DATE), 
w2_province_fm AS 
(SELECT w2_province_stations.entity_id AS entity_id, w2_station_fm.customer_id AS customer_id,
  sum(w2_station_fm.f) AS f,
  sum(w2_station_fm.mon) AS mon, max(w2_station_fm.last_ts) AS last_ts 
FROM w2_station_fm JOIN w2_province_stations ON w2_province_stations.station_id = w2_station_fm.station_id GROUP BY w2_province_stations.entity_id, w2_station_fm.customer_id), 
w2_province_medians AS 
(SELECT percentile_cont(%(percentile_cont_5)s) WITHIN GROUP (ORDER BY province_active_fm.f) AS f_med, percentile_cont(%(percentile_cont_6)s) WITHIN GROUP (ORDER BY province_active_fm.mon) AS mon_med 
FROM (SELECT coalesce(w2_province_fm.f, %(coalesce_14)s::INTEGER) AS f, coalesce(w2_province_fm.mon, %(coalesce_15)s) AS mon 
FROM w2_province_active LEFT OUTER JOIN w2_province_fm ON w2_province_fm.entity_id = w2_province_active.entity_id AND w2_province_fm.customer_id = w2_province_active.customer_id) AS province_active_fm), 
w2_rfm_high AS 
(SELECT w2_entity_fm.entity_id AS entity_id,
  sum(CASE WHEN (w2_entity_fm.last_ts >= %(last_ts_3)s::TIMESTAMP WITHOUT TIME ZONE) THEN %(param_40)s::INTEGER ELSE %(param_41)s::INTEGER END) AS rfm_high 
FROM w2_entity_fm JOIN w2_province_medians ON w2_entity_fm.f >= w2_province_medians.f_med AND w2_entity_fm.mon >= w2_province_medians.mon_med GROUP BY w2_entity_fm.entity_id), 
w2_rfm_counts AS 
(SELECT w2_rfm_base.entity_id AS entity_id, coalesce(w2_rfm_high.rfm_high, %(coalesce_13)s::INTEGER) AS rfm_high, w2_rfm_base.n AS rfm_base 
FROM w2_rfm_base LEFT OUTER JOIN w2_rfm_high ON w2_rfm_high.entity_id = w2_rfm_base.entity_id)
 SELECT 0 AS window_index, w0.entity_id, w0.rfm_high, w0.rfm_base 
FROM (SELECT w0_entities.entity_id AS entity_id, coalesce(w0_rfm_counts.rfm_high, %(coalesce_1)s::INTEGER) AS rfm_high, coalesce(w0_rfm_counts.rfm_base, %(coalesce_2)s::INTEGER) AS rfm_base 
FROM w0_entities LEFT OUTER JOIN w0_rfm_counts ON w0_rfm_counts.entity_id = w0_entities.entity_id) AS w0 UNION ALL SELECT 1 AS window_index, w1.entity_id, w1.rfm_high, w1.rfm_base 
FROM (SELECT w1_entities.entity_id AS entity_id, coalesce(w1_rfm_counts.rfm_high, %(coalesce_6)s::INTEGER) AS rfm_high, coalesce(w1_rfm_counts.rfm_base, %(coalesce_7)s::INTEGER) AS rfm_base 
FROM w1_entities LEFT OUTER JOIN w1_rfm_counts ON w1_rfm_counts.entity_id = w1_entities.entity_id) AS w1 UNION ALL SELECT 2 AS window_index, w2.entity_id, w2.rfm_high, w2.rfm_base 
FROM (SELECT w2_entities.entity_id AS entity_id, coalesce(w2_rfm_counts.rfm_high, %(coalesce_11)s::INTEGER) AS rfm_high, coalesce(w2_rfm_counts.rfm_base, %(coalesce_12)s::INTEGER) AS rfm_base 
FROM w2_entities LEFT OUTER JOIN w2_rfm_counts ON w2_rfm_counts.entity_id = w2_entities.entity_id) AS w2;
-- params:
--   coalesce_1 = 0
--   coalesce_10 = 0.0
--   coalesce_11 = 0
--   coalesce_12 = 0
--   coalesce_13 = 0
--   coalesce_14 = 0
--   coalesce_15 = 0.0
--   coalesce_2 = 0
--   coalesce_3 = 0
--   coalesce_4 = 0
--   coalesce_5 = 0.0
--   coalesce_6 = 0
--   coalesce_7 = 0
--   coalesce_8 = 0
--   coalesce_9 = 0
--   last_1 = datetime.date(2025, 7, 1)
--   last_2 = datetime.date(2025, 7, 1)
--   last_3 = datetime.date(2026, 6, 1)
--   last_4 = datetime.date(2026, 6, 1)
--   last_5 = datetime.date(2026, 7, 1)
--   last_6 = datetime.date(2026, 7, 1)
--   last_ts_1 = datetime.datetime(2025, 9, 15, 0, 0)
--   last_ts_2 = datetime.datetime(2026, 8, 16, 0, 0)
--   last_ts_3 = datetime.datetime(2026, 9, 15, 0, 0)
--   month_1 = datetime.date(2025, 9, 1)
--   month_10 = datetime.date(2025, 10, 1)
--   month_11 = datetime.date(2025, 9, 1)
--   month_12 = datetime.date(2025, 8, 1)
--   month_13 = datetime.date(2025, 7, 1)
--   month_14 = datetime.date(2025, 6, 1)
--   month_15 = datetime.date(2025, 10, 1)
--   month_16 = datetime.date(2025, 10, 1)
--   month_17 = datetime.date(2026, 8, 1)
--   month_18 = datetime.date(2026, 9, 1)
--   month_19 = datetime.date(2026, 8, 1)
--   month_2 = datetime.date(2025, 10, 1)
--   month_20 = datetime.date(2026, 7, 1)
--   month_21 = datetime.date(2026, 6, 1)
--   month_22 = datetime.date(2026, 5, 1)
--   month_23 = datetime.date(2026, 9, 1)
--   month_24 = datetime.date(2026, 9, 1)
--   month_25 = datetime.date(2026, 8, 1)
--   month_26 = datetime.date(2026, 9, 1)
--   month_27 = datetime.date(2026, 8, 1)
--   month_28 = datetime.date(2026, 7, 1)
--   month_29 = datetime.date(2026, 6, 1)
--   month_3 = datetime.date(2025, 9, 1)
--   month_30 = datetime.date(2026, 5, 1)
--   month_31 = datetime.date(2026, 9, 1)
--   month_32 = datetime.date(2026, 9, 1)
--   month_33 = datetime.date(2026, 9, 1)
--   month_34 = datetime.date(2026, 10, 1)
--   month_35 = datetime.date(2026, 9, 1)
--   month_36 = datetime.date(2026, 8, 1)
--   month_37 = datetime.date(2026, 7, 1)
--   month_38 = datetime.date(2026, 6, 1)
--   month_39 = datetime.date(2026, 10, 1)
--   month_4 = datetime.date(2025, 8, 1)
--   month_40 = datetime.date(2026, 10, 1)
--   month_41 = datetime.date(2026, 9, 1)
--   month_42 = datetime.date(2026, 10, 1)
--   month_43 = datetime.date(2026, 9, 1)
--   month_44 = datetime.date(2026, 8, 1)
--   month_45 = datetime.date(2026, 7, 1)
--   month_46 = datetime.date(2026, 6, 1)
--   month_47 = datetime.date(2026, 10, 1)
--   month_48 = datetime.date(2026, 10, 1)
--   month_5 = datetime.date(2025, 7, 1)
--   month_6 = datetime.date(2025, 6, 1)
--   month_7 = datetime.date(2025, 10, 1)
--   month_8 = datetime.date(2025, 10, 1)
--   month_9 = datetime.date(2025, 9, 1)
--   param_1 = 0.0
--   param_10 = 0.0
--   param_11 = 0.0
--   param_12 = 0.0
--   param_13 = 0.0
--   param_14 = 0.0
--   param_15 = 0.0
--   param_16 = datetime.date(2025, 10, 1)
--   param_17 = 0.0
--   param_18 = 0.0
--   param_19 = 0.0
--   param_2 = 0.0
--   param_20 = 0.0
--   param_21 = 0.0
--   param_22 = 0.0
--   param_23 = datetime.date(2026, 9, 1)
--   param_24 = 1
--   param_25 = 0
--   param_26 = 0.0
--   param_27 = 0.0
--   param_28 = 0.0
--   param_29 = 0.0
--   param_3 = 0.0
--   param_30 = 0.0
--   param_31 = 0.0
--   param_32 = datetime.date(2026, 9, 1)
--   param_33 = 0.0
--   param_34 = 0.0
--   param_35 = 0.0
--   param_36 = 0.0
--   param_37 = 0.0
--   param_38 = 0.0
--   param_39 = datetime.date(2026, 10, 1)
--   param_4 = 0.0
--   param_40 = 1
--   param_41 = 0
--   param_42 = 0.0
--   param_43 = 0.0
--   param_44 = 0.0
--   param_45 = 0.0
--   param_46 = 0.0
--   param_47 = 0.0
--   param_48 = datetime.date(2026, 10, 1)
--   param_5 = 0.0
--   param_6 = 0.0
--   param_7 = datetime.date(2025, 10, 1)
--   param_8 = 1
--   param_9 = 0
--   percentile_cont_1 = 0.5
--   percentile_cont_2 = 0.5
--   percentile_cont_3 = 0.5
--   percentile_cont_4 = 0.5
--   percentile_cont_5 = 0.5
--   percentile_cont_6 = 0.5
--   team_id_1 = ['T1']
--   team_id_2 = ['T1']
--   team_id_3 = ['T1']
--   ts_1 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_10 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_11 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_12 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_13 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_14 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_15 = datetime.datetime(2026, 7, 18, 0, 0)
--   ts_16 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_17 = datetime.datetime(2026, 10, 1, 0, 0)
--   ts_18 = datetime.datetime(2026, 10, 16, 0, 0)
--   ts_2 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_3 = datetime.datetime(2025, 7, 18, 0, 0)
--   ts_4 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_5 = datetime.datetime(2025, 10, 1, 0, 0)
--   ts_6 = datetime.datetime(2025, 10, 16, 0, 0)
--   ts_7 = datetime.datetime(2026, 9, 1, 0, 0)
--   ts_8 = datetime.datetime(2026, 9, 16, 0, 0)
--   ts_9 = datetime.datetime(2026, 6, 18, 0, 0)

