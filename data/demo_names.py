"""Invented Chinese names for the demo company: places, stations, people, fleets, phones.

Every name here is made up. Person names and phones are personal data in the contract, so they are
plausible fakes drawn from common surnames and given-name characters; phones are 11 digits starting
with a 1x mobile prefix. Nothing here touches real people or real places' stations.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

PROVINCE = ("HX", "海西省")

# (city id, city name): invented prefecture-level cities of an invented coastal province.
CITIES: tuple[tuple[str, str], ...] = (
    ("RJ", "榕江市"),
    ("LY", "鹭屿市"),
    ("QX", "泉溪市"),
    ("ZP", "漳浦湾市"),
    ("PF", "莆峰市"),
    ("LS", "岚山市"),
    ("MX", "明溪市"),
    ("NA", "南安岭市"),
    ("DN", "东宁市"),
    ("JO", "建瓯川市"),
    ("WY", "武夷原市"),
    ("SX", "三溪市"),
)

# City centre coordinates (lat, lon) for the optional station coordinates.
CITY_CENTRES: tuple[tuple[float, float], ...] = (
    (26.07, 119.30), (24.48, 118.09), (24.87, 118.67), (24.51, 117.65), (25.45, 119.01),
    (25.62, 119.78), (26.26, 117.64), (24.96, 118.38), (26.66, 119.54), (27.04, 118.32),
    (27.76, 118.03), (26.27, 117.62),
)

URBAN_PLACES = (
    "五一路", "东街口", "湖滨", "江滨", "南门", "北环", "西洪", "工业路", "金山", "仓前",
    "古田路", "白马路", "六一路", "华林", "温泉", "屏山", "鼓楼", "台江", "新港", "滨海",
    "中山路", "解放路", "人民路", "建设路", "胜利路", "文化路", "长乐路", "福新路",
)
SUBURBAN_PLACES = (
    "新店", "城门", "盖山", "上街", "南屿", "荆溪", "青口", "竹岐", "洪塘", "祥谦",
    "营前", "潭头", "琅岐", "亭江", "官路", "尚干", "大湖", "江口", "梧桐", "石井",
)
HIGHWAY_PLACES = (
    "沈海高速青州服务区", "沈海高速涵江服务区", "福银高速闽清服务区", "泉南高速安溪服务区",
    "长深高速古田服务区", "厦蓉高速南靖服务区", "莆炎高速仙游服务区", "京台高速建阳服务区",
    "沈海高速漳浦服务区", "福银高速尤溪服务区",
)
RURAL_PLACES = (
    "岭头", "梅溪", "桂湖", "石牌", "洋中", "湖头", "坂里", "后坑", "溪口", "龙门",
    "大洋", "白沙", "长桥", "高盖", "霞浦", "枫亭", "赤水", "桃源", "凤山", "芦田",
)

SURNAMES = (
    "林陈黄郑吴王李张刘杨许蔡周叶徐苏何罗谢方曾游高洪邱江赖廖余庄魏潘杜卢施柯詹翁蓝"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文斌辉鹏宇浩"
    "婷雪琳晨阳欣怡佳俊峰海燕宏亮金凤丹梅云飞龙彬晓东荣春兰清德福水生"
)
FLEET_PREFIX = (
    "顺达", "恒通", "远航", "鑫源", "八闽", "海峡", "宏盛", "捷运", "安吉", "永辉",
    "通程", "华运", "盛丰", "融通", "兴旺", "鸿达", "万顺", "骏马", "蓝海", "金桥",
)
FLEET_SUFFIX = (
    "物流有限公司", "运输有限公司", "汽车运输公司", "货运代理有限公司", "客运有限公司",
    "出租汽车有限公司", "建材有限公司", "冷链物流有限公司", "渣土运输有限公司", "网约车服务公司",
)
PHONE_PREFIXES = np.array(
    ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
     "153", "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182",
     "183", "185", "186", "187", "188", "189", "191", "199"]
)


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """`n` invented person names: a surname and one or two given-name characters."""
    sur = np.array(list(SURNAMES))[rng.integers(0, len(SURNAMES), n)]
    chars = np.array(list(GIVEN_CHARS))
    first = chars[rng.integers(0, len(chars), n)]
    second = chars[rng.integers(0, len(chars), n)]
    two = rng.random(n) < 0.7  # two-character given names are the common case
    given = np.where(two, np.char.add(first, second), first)
    return np.char.add(sur, given)


def fleet_names(rng: np.random.Generator, n: int, city_names: np.ndarray) -> np.ndarray:
    """`n` invented company names, prefixed by the short name of each fleet's city."""
    short = np.array([c.removesuffix("市")[:2] for c in city_names])
    pre = np.array(FLEET_PREFIX)[rng.integers(0, len(FLEET_PREFIX), n)]
    suf = np.array(FLEET_SUFFIX)[rng.integers(0, len(FLEET_SUFFIX), n)]
    return np.char.add(np.char.add(short, pre), suf)


def phones(rng: np.random.Generator, n: int) -> pa.Array:
    """`n` invented 11-digit mobile numbers (1xx prefix + 8 digits); about 4% left empty."""
    prefix = PHONE_PREFIXES[rng.integers(0, len(PHONE_PREFIXES), n)]
    tail = np.char.zfill(rng.integers(0, 100_000_000, n).astype(str), 8)
    numbers = np.char.add(prefix, tail)
    missing = rng.random(n) < 0.04  # some accounts were opened without a phone
    return pa.array(numbers.tolist(), type=pa.string(), mask=missing)
