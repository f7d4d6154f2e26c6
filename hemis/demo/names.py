"""Uzbek (Latin) names for the demo university.

Spelt with the letters of the official alphabet: ``oʻ`` and ``gʻ`` with U+02BB (modifier letter turned
comma) and the tutuq belgisi ``ʼ`` with U+02BC (modifier letter apostrophe), never with ASCII quotes.
"""

MALE_FIRST = (
    "Abdulla",
    "Akmal",
    "Alisher",
    "Anvar",
    "Asadbek",
    "Aziz",
    "Baxtiyor",
    "Behruz",
    "Bekzod",
    "Bobur",
    "Dilshod",
    "Doniyor",
    "Eldor",
    "Farrux",
    "Gʻayrat",
    "Gʻulom",
    "Hasan",
    "Husan",
    "Ibrohim",
    "Ilhom",
    "Islom",
    "Ismoil",
    "Jahongir",
    "Jamshid",
    "Jasur",
    "Javohir",
    "Komil",
    "Laziz",
    "Maʼmur",
    "Mirjalol",
    "Muhammadali",
    "Nodir",
    "Nurbek",
    "Oybek",
    "Otabek",
    "Oʻktam",
    "Oʻlmas",
    "Oʻtkir",
    "Qodir",
    "Ravshan",
    "Rustam",
    "Saidakbar",
    "Sanjar",
    "Sardor",
    "Sarvar",
    "Shahzod",
    "Shavkat",
    "Sherzod",
    "Shoʻxrat",
    "Temur",
    "Toʻlqin",
    "Ulugʻbek",
    "Umid",
    "Xurshid",
    "Yusuf",
    "Zafar",
)

FEMALE_FIRST = (
    "Barno",
    "Charos",
    "Dildora",
    "Dilnoza",
    "Diyora",
    "Feruza",
    "Gulchehra",
    "Gulnoza",
    "Gʻuncha",
    "Kamola",
    "Lola",
    "Madina",
    "Maftuna",
    "Malika",
    "Maʼsuma",
    "Mohinur",
    "Mohira",
    "Moʻtabar",
    "Munisa",
    "Nigora",
    "Nilufar",
    "Nodira",
    "Oydin",
    "Oʻgʻiloy",
    "Oʻlmasoy",
    "Robiya",
    "Ruxshona",
    "Sabina",
    "Saʼdiya",
    "Sarvinoz",
    "Sevara",
    "Shahlo",
    "Shahnoza",
    "Sitora",
    "Umida",
    "Xurshida",
    "Yulduz",
    "Zarina",
    "Zilola",
)

# Male forms; the female form adds "a" (Rahimov → Rahimova, Gʻaniyev → Gʻaniyeva).
SURNAMES = (
    "Abdullayev",
    "Alimov",
    "Aminov",
    "Azimov",
    "Bakirov",
    "Ergashev",
    "Fayzullayev",
    "Gʻaniyev",
    "Gʻulomov",
    "Hamidov",
    "Hasanov",
    "Ibragimov",
    "Ismoilov",
    "Jaʼfarov",
    "Joʻrayev",
    "Karimov",
    "Qodirov",
    "Qoʻchqorov",
    "Maʼmurov",
    "Mahmudov",
    "Mirzayev",
    "Musayev",
    "Nazarov",
    "Neʼmatov",
    "Normatov",
    "Oʻktamov",
    "Oʻrinboyev",
    "Rahimov",
    "Rashidov",
    "Saʼdullayev",
    "Saidov",
    "Salimov",
    "Sharipov",
    "Sobirov",
    "Sultonov",
    "Toshmatov",
    "Toʻxtayev",
    "Tursunov",
    "Umarov",
    "Usmonov",
    "Xolmatov",
    "Yoqubov",
    "Yoʻldoshev",
    "Yusupov",
    "Zokirov",
)

REGIONS = (
    (
        "Toshkent shahri",
        ("Yunusobod tumani", "Chilonzor tumani", "Mirzo Ulugʻbek tumani", "Yakkasaroy tumani"),
    ),
    ("Toshkent viloyati", ("Chirchiq shahri", "Olmaliq shahri", "Zangiota tumani", "Qibray tumani")),
    ("Samarqand viloyati", ("Samarqand shahri", "Urgut tumani", "Kattaqoʻrgʻon shahri")),
    ("Fargʻona viloyati", ("Fargʻona shahri", "Margʻilon shahri", "Qoʻqon shahri")),
    ("Andijon viloyati", ("Andijon shahri", "Asaka tumani", "Xonobod shahri")),
    ("Namangan viloyati", ("Namangan shahri", "Chust tumani", "Pop tumani")),
    ("Buxoro viloyati", ("Buxoro shahri", "Gʻijduvon tumani", "Kogon shahri")),
    ("Qashqadaryo viloyati", ("Qarshi shahri", "Shahrisabz shahri", "Gʻuzor tumani")),
    ("Surxondaryo viloyati", ("Termiz shahri", "Denov tumani", "Sherobod tumani")),
    ("Navoiy viloyati", ("Navoiy shahri", "Zarafshon shahri")),
    ("Jizzax viloyati", ("Jizzax shahri", "Gʻallaorol tumani")),
    ("Sirdaryo viloyati", ("Guliston shahri", "Yangiyer shahri")),
    ("Xorazm viloyati", ("Urganch shahri", "Xiva shahri")),
    ("Qoraqalpogʻiston Respublikasi", ("Nukus shahri", "Toʻrtkoʻl tumani")),
)

STREETS = (
    "Amir Temur",
    "Alisher Navoiy",
    "Mustaqillik",
    "Bobur",
    "Mirzo Ulugʻbek",
    "Istiqlol",
    "Navroʻz",
    "Bunyodkor",
    "Gʻafur Gʻulom",
    "Oybek",
)

VOWELS = frozenset("aeiouAEIOU")


def patronymic(father: str, *, female: bool, uzbek_style: bool) -> str:
    """Russian-style ``…ovich/…ovna`` or Uzbek-style ``… oʻgʻli/… qizi`` from the father's name."""
    if uzbek_style:
        return f"{father} {'qizi' if female else 'oʻgʻli'}"
    stem = f"{father}y" if father[-1] in VOWELS else father
    suffix = "evna" if female else "evich"
    if stem[-1] != "y":
        suffix = "ovna" if female else "ovich"
    return f"{stem}{suffix}"


def surname(male_form: str, *, female: bool) -> str:
    return f"{male_form}a" if female else male_form


def ascii_login(text: str) -> str:
    """Lower-case ASCII for logins and e-mail addresses: the modifier letters are dropped."""
    return "".join(ch for ch in text.lower() if ch.isascii() and (ch.isalnum() or ch in ".-"))
