"""The demo institute's subject catalogue (annex 4 item 8): real subjects of every department, in Uzbek,
Russian and English, with short Uzbek and English descriptions. A few entries still lack their English
description, so the catalogue's "incomplete" filter and the annex 4 item 8 evaluator have something to show."""

import datetime as dt
from random import Random
from zoneinfo import ZoneInfo

from hemis.academics.models import Subject
from hemis.access.models import User
from hemis.org.models import OrgUnit

TASHKENT = ZoneInfo("Asia/Tashkent")
ENTERED_FROM = dt.date(2025, 9, 8)  # the catalogue was typed in during the weeks after the launch
INCOMPLETE = ("SOT1109", "MTN2110", "PES1609", "IAT2610", "XMA1411", "SHR2009")

# department: (what its subjects are about, in Uzbek and English — the end of a description sentence)
FOCUS = {
    "D-IGF": ("jamiyat, madaniyat va kasbiy muloqot nuqtai nazaridan", "in the context of society, culture and professional communication"),
    "D-OMI": ("muhandislik va iqtisodiy masalalarni yechishga tatbiq etgan holda", "applied to engineering and economic problems"),
    "D-IQT": ("korxona va milliy iqtisodiyot misolida", "using the examples of enterprises and the national economy"),
    "D-MNJ": ("sanoat korxonalari amaliyoti asosida", "based on the practice of industrial companies"),
    "D-NMT": ("noorganik moddalar ishlab chiqarish misolida", "using inorganic production processes as examples"),
    "D-OMT": ("organik moddalar va polimerlar ishlab chiqarish misolida", "using organic and polymer production as examples"),
    "D-AFK": ("kimyoviy tahlil va laboratoriya amaliyoti bilan", "together with chemical analysis and laboratory practice"),
    "D-BTX": ("sanoat biotexnologiyasi jarayonlari misolida", "using industrial biotechnology processes as examples"),
    "D-OOT": ("oziq-ovqat sanoati korxonalari misolida", "using food industry plants as examples"),
    "D-VBT": ("vinochilik va bijgʻish sanoati misolida", "using wineries and fermentation plants as examples"),
    "D-MYT": ("moy-yogʻ sanoati korxonalari misolida", "using oil and fat plants as examples"),
    "D-QXM": ("qishloq xoʻjalik mahsulotlarini saqlash va qayta ishlash amaliyotida", "in the storage and processing of agricultural products"),
    "D-NGQ": ("neft va gazni qayta ishlash zavodlari misolida", "using oil refineries and gas processing plants as examples"),
    "D-SMT": ("silikat va nodir metallar ishlab chiqarish misolida", "using silicate and rare metal production as examples"),
    "D-JVA": ("kimyo sanoati apparatlari va mashinalari misolida", "using the equipment and machines of the chemical industry"),
    "D-AVB": ("kimyo sanoati texnologik jarayonlari misolida", "using chemical process plants as examples"),
}  # fmt: skip

# department: ((code, name uz, ru, en), …) — general subjects first, then from basic to advanced
SUBJECTS = {
    "D-IGF": (
        ("OZT1101", "Oʻzbekiston tarixi", "История Узбекистана", "History of Uzbekistan"),
        ("FAL1102", "Falsafa", "Философия", "Philosophy"),
        ("XTL1103", "Xorijiy til", "Иностранный язык", "Foreign language"),
        ("JTS1104", "Jismoniy tarbiya va sport", "Физическая культура и спорт", "Physical education and sport"),
        ("OZB1105", "Oʻzbek tili", "Узбекский язык", "Uzbek language"),
        ("HUQ1106", "Huquqshunoslik", "Правоведение", "Law"),
        ("DIN1107", "Dinshunoslik", "Религиоведение", "Religious studies"),
        ("PSI1108", "Psixologiya", "Психология", "Psychology"),
        ("SOT1109", "Sotsiologiya", "Социология", "Sociology"),
        ("KET1110", "Kasbiy etika", "Профессиональная этика", "Professional ethics"),
        ("RUS1111", "Rus tili", "Русский язык", "Russian language"),
        ("ITM1112", "Ilmiy tadqiqot metodologiyasi", "Методология научных исследований", "Research methodology"),
        ("PED1113", "Oliy taʼlim pedagogikasi", "Педагогика высшей школы", "Higher education pedagogy"),
    ),
    "D-OMI": (
        ("OMT1201", "Oliy matematika", "Высшая математика", "Higher mathematics"),
        ("AXT1202", "Axborot texnologiyalari", "Информационные технологии", "Information technology"),
        ("EHS1203", "Ehtimollar nazariyasi va matematik statistika", "Теория вероятностей и математическая статистика", "Probability theory and mathematical statistics"),
        ("DAS1204", "Dasturlash asoslari", "Основы программирования", "Programming fundamentals"),
        ("CHA1205", "Chiziqli algebra", "Линейная алгебра", "Linear algebra"),
        ("MOD1206", "Matematik modellashtirish", "Математическое моделирование", "Mathematical modelling"),
        ("MBT1207", "Maʼlumotlar bazasi", "Базы данных", "Databases"),
        ("SON1208", "Sonli usullar", "Численные методы", "Numerical methods"),
        ("IMU1209", "Iqtisodiy-matematik usullar", "Экономико-математические методы", "Economic and mathematical methods"),
        ("KGR1210", "Kompyuter grafikasi", "Компьютерная графика", "Computer graphics"),
    ),
    "D-IQT": (
        ("IQN1301", "Iqtisodiyot nazariyasi", "Экономическая теория", "Economic theory"),
        ("MIK1302", "Mikroiqtisodiyot", "Микроэкономика", "Microeconomics"),
        ("MAK1303", "Makroiqtisodiyot", "Макроэкономика", "Macroeconomics"),
        ("STA1304", "Statistika", "Статистика", "Statistics"),
        ("BUH1305", "Buxgalteriya hisobi", "Бухгалтерский учёт", "Accounting"),
        ("MOL1306", "Moliya", "Финансы", "Finance"),
        ("EKM1307", "Ekonometrika", "Эконометрика", "Econometrics"),
        ("KIQ1308", "Korxona iqtisodiyoti", "Экономика предприятия", "Business economics"),
        ("SIQ1309", "Sanoat iqtisodiyoti", "Экономика промышленности", "Industrial economics"),
        ("XIQ1310", "Xalqaro iqtisodiyot", "Международная экономика", "International economics"),
        ("SOL1311", "Soliqlar va soliqqa tortish", "Налоги и налогообложение", "Taxes and taxation"),
        ("INV1312", "Investitsiyalarni tahlil qilish", "Инвестиционный анализ", "Investment analysis"),
        ("IIT1313", "Ilmiy-tadqiqot ishi (iqtisodiyot)", "Научно-исследовательская работа (экономика)", "Research work (economics)"),
    ),
    "D-MNJ": (
        ("MEN1401", "Menejment asoslari", "Основы менеджмента", "Principles of management"),
        ("MAR1402", "Marketing", "Маркетинг", "Marketing"),
        ("TAD1403", "Tadbirkorlik", "Предпринимательство", "Entrepreneurship"),
        ("IRB1404", "Inson resurslarini boshqarish", "Управление человеческими ресурсами", "Human resource management"),
        ("LOG1405", "Logistika", "Логистика", "Logistics"),
        ("STM1406", "Strategik menejment", "Стратегический менеджмент", "Strategic management"),
        ("LOY1407", "Loyihalarni boshqarish", "Управление проектами", "Project management"),
        ("BIZ1408", "Biznesni rejalashtirish", "Бизнес-планирование", "Business planning"),
        ("SIF1409", "Sifat menejmenti", "Менеджмент качества", "Quality management"),
        ("INM1410", "Innovatsion menejment", "Инновационный менеджмент", "Innovation management"),
        ("XMA1411", "Xalqaro marketing", "Международный маркетинг", "International marketing"),
    ),
    "D-NMT": (
        ("UNK1501", "Umumiy va noorganik kimyo", "Общая и неорганическая химия", "General and inorganic chemistry"),
        ("KTA1502", "Kimyoviy texnologiya asoslari", "Основы химической технологии", "Fundamentals of chemical technology"),
        ("NKT1503", "Noorganik moddalar kimyoviy texnologiyasi", "Химическая технология неорганических веществ", "Chemical technology of inorganic substances"),
        ("MOT1504", "Mineral oʻgʻitlar texnologiyasi", "Технология минеральных удобрений", "Technology of mineral fertilisers"),
        ("TUZ1505", "Tuzlar va ishqorlar texnologiyasi", "Технология солей и щелочей", "Technology of salts and alkalis"),
        ("SKT1506", "Sulfat kislota texnologiyasi", "Технология серной кислоты", "Sulphuric acid technology"),
        ("AZT1507", "Bogʻlangan azot texnologiyasi", "Технология связанного азота", "Technology of bound nitrogen"),
        ("KAT1508", "Kataliz va katalizatorlar", "Катализ и катализаторы", "Catalysis and catalysts"),
        ("ELK1509", "Elektrokimyoviy ishlab chiqarish texnologiyasi", "Технология электрохимических производств", "Electrochemical production technology"),
        ("KKL1510", "Kimyo korxonalarini loyihalash", "Проектирование химических предприятий", "Design of chemical plants"),
        ("NMK1511", "Noorganik materiallar kimyosi", "Химия неорганических материалов", "Chemistry of inorganic materials"),
        ("KIT1512", "Ilmiy-tadqiqot ishi (kimyoviy texnologiya)", "Научно-исследовательская работа (химическая технология)", "Research work (chemical technology)"),
    ),
    "D-OMT": (
        ("ORK1601", "Organik kimyo", "Органическая химия", "Organic chemistry"),
        ("OST1602", "Organik sintez texnologiyasi", "Технология органического синтеза", "Organic synthesis technology"),
        ("POL1603", "Polimerlar kimyosi va fizikasi", "Химия и физика полимеров", "Polymer chemistry and physics"),
        ("PMT1604", "Polimer materiallar texnologiyasi", "Технология полимерных материалов", "Polymer materials technology"),
        ("LAK1605", "Lak-boʻyoq materiallari texnologiyasi", "Технология лакокрасочных материалов", "Paint and varnish technology"),
        ("REZ1606", "Rezina texnologiyasi", "Технология резины", "Rubber technology"),
        ("SFM1607", "Sirt-faol moddalar texnologiyasi", "Технология поверхностно-активных веществ", "Surfactant technology"),
        ("DVT1608", "Dori vositalari kimyoviy texnologiyasi", "Химическая технология лекарственных средств", "Chemical technology of pharmaceuticals"),
        ("PES1609", "Pestitsidlar kimyosi", "Химия пестицидов", "Pesticide chemistry"),
        ("OMA1610", "Organik moddalar tahlili", "Анализ органических веществ", "Analysis of organic substances"),
    ),
    "D-AFK": (
        ("FIZ1701", "Fizika", "Физика", "Physics"),
        ("ANK1702", "Analitik kimyo", "Аналитическая химия", "Analytical chemistry"),
        ("FZK1703", "Fizik kimyo", "Физическая химия", "Physical chemistry"),
        ("KOL1704", "Kolloid kimyo", "Коллоидная химия", "Colloid chemistry"),
        ("FKT1705", "Fizik-kimyoviy tahlil usullari", "Физико-химические методы анализа", "Physicochemical methods of analysis"),
        ("KKI1706", "Kimyoviy kinetika", "Химическая кинетика", "Chemical kinetics"),
        ("KTD1707", "Kimyoviy termodinamika", "Химическая термодинамика", "Chemical thermodynamics"),
        ("INS1708", "Instrumental tahlil", "Инструментальный анализ", "Instrumental analysis"),
        ("XRO1709", "Xromatografiya", "Хроматография", "Chromatography"),
        ("EKK1710", "Ekologik kimyo", "Экологическая химия", "Environmental chemistry"),
        ("AMM1711", "Atrof-muhit monitoringi", "Мониторинг окружающей среды", "Environmental monitoring"),
        ("EKS1712", "Ekologik ekspertiza", "Экологическая экспертиза", "Environmental impact assessment"),
    ),
    "D-BTX": (
        ("BTA1801", "Biotexnologiya asoslari", "Основы биотехнологии", "Fundamentals of biotechnology"),
        ("MKB1802", "Mikrobiologiya", "Микробиология", "Microbiology"),
        ("BIK1803", "Biokimyo", "Биохимия", "Biochemistry"),
        ("HUB1804", "Hujayra biologiyasi", "Клеточная биология", "Cell biology"),
        ("MBL1805", "Molekulyar biologiya", "Молекулярная биология", "Molecular biology"),
        ("FER1806", "Fermentlar texnologiyasi", "Технология ферментов", "Enzyme technology"),
        ("BJJ1807", "Bijgʻish jarayonlari", "Процессы ферментации", "Fermentation processes"),
        ("GEN1808", "Gen muhandisligi", "Генная инженерия", "Genetic engineering"),
        ("SBT1809", "Sanoat biotexnologiyasi", "Промышленная биотехнология", "Industrial biotechnology"),
        ("BRK1810", "Bioreaktorlar", "Биореакторы", "Bioreactors"),
        ("EBT1811", "Ekologik biotexnologiya", "Экологическая биотехнология", "Environmental biotechnology"),
    ),
    "D-OOT": (
        ("OOT1901", "Oziq-ovqat mahsulotlari texnologiyasi", "Технология пищевых продуктов", "Food products technology"),
        ("OKK1902", "Oziq-ovqat kimyosi", "Пищевая химия", "Food chemistry"),
        ("OMB1903", "Oziq-ovqat mikrobiologiyasi", "Пищевая микробиология", "Food microbiology"),
        ("NQM1904", "Non, qandolat va makaron mahsulotlari texnologiyasi", "Технология хлеба, кондитерских и макаронных изделий", "Bread, confectionery and pasta technology"),
        ("SUT1905", "Sut va sut mahsulotlari texnologiyasi", "Технология молока и молочных продуктов", "Dairy technology"),
        ("GOS1906", "Goʻsht va goʻsht mahsulotlari texnologiyasi", "Технология мяса и мясных продуктов", "Meat technology"),
        ("KON1907", "Konservalash texnologiyasi", "Технология консервирования", "Canning technology"),
        ("OXS1908", "Oziq-ovqat xavfsizligi", "Безопасность пищевых продуктов", "Food safety"),
        ("OTU1909", "Oziq-ovqat ishlab chiqarish uskunalari", "Технологическое оборудование пищевых производств", "Food processing equipment"),
        ("STS1910", "Standartlashtirish va sertifikatlash", "Стандартизация и сертификация", "Standardisation and certification"),
        ("OVF1911", "Ovqatlanish fiziologiyasi", "Физиология питания", "Nutrition physiology"),
        ("OIT1912", "Ilmiy-tadqiqot ishi (oziq-ovqat texnologiyasi)", "Научно-исследовательская работа (пищевая технология)", "Research work (food technology)"),
    ),
    "D-VBT": (
        ("UZM2001", "Uzumchilik", "Виноградарство", "Viticulture"),
        ("VIN2002", "Vino texnologiyasi", "Технология вина", "Wine technology"),
        ("VKI2003", "Vino kimyosi", "Химия вина", "Wine chemistry"),
        ("BMT2004", "Bijgʻish mikrobiologiyasi", "Микробиология брожения", "Fermentation microbiology"),
        ("PIV2005", "Pivo va alkogolsiz ichimliklar texnologiyasi", "Технология пива и безалкогольных напитков", "Beer and soft drinks technology"),
        ("SPT2006", "Spirt texnologiyasi", "Технология спирта", "Alcohol technology"),
        ("KNY2007", "Konyak texnologiyasi", "Технология коньяка", "Brandy technology"),
        ("SOM2008", "Degustatsiya asoslari", "Основы дегустации", "Fundamentals of wine tasting"),
        ("SHR2009", "Sharbatlar texnologiyasi", "Технология соков", "Juice technology"),
        ("VTU2010", "Vinochilik uskunalari", "Оборудование винодельческих производств", "Winery equipment"),
    ),
    "D-MYT": (
        ("MYT2101", "Moy va yogʻlar texnologiyasi", "Технология масел и жиров", "Oils and fats technology"),
        ("LIP2102", "Lipidlar kimyosi", "Химия липидов", "Lipid chemistry"),
        ("OMI2103", "Oʻsimlik moylarini ishlab chiqarish", "Производство растительных масел", "Vegetable oil production"),
        ("RAF2104", "Moylarni rafinatsiyalash", "Рафинация масел", "Oil refining"),
        ("GID2105", "Yogʻlarni gidrogenlash", "Гидрогенизация жиров", "Fat hydrogenation"),
        ("MRG2106", "Margarin va mayonez texnologiyasi", "Технология маргарина и майонеза", "Margarine and mayonnaise technology"),
        ("SYV2107", "Sovun va yuvish vositalari texnologiyasi", "Технология мыла и моющих средств", "Soap and detergent technology"),
        ("EFM2108", "Efir moylari texnologiyasi", "Технология эфирных масел", "Essential oils technology"),
        ("MYU2109", "Moy-yogʻ sanoati uskunalari", "Оборудование масложировой промышленности", "Oil and fat industry equipment"),
        ("MTN2110", "Moylar sifatini nazorat qilish", "Контроль качества масел", "Quality control of oils"),
    ),
    "D-QXM": (
        ("QXS2201", "Qishloq xoʻjalik mahsulotlarini saqlash", "Хранение сельскохозяйственной продукции", "Storage of agricultural products"),
        ("AGK2202", "Agrokimyo", "Агрохимия", "Agrochemistry"),
        ("DQI2203", "Dastlabki qayta ishlash texnologiyasi", "Технология первичной переработки", "Primary processing technology"),
        ("MSS2204", "Meva-sabzavotlarni saqlash", "Хранение плодоовощной продукции", "Fruit and vegetable storage"),
        ("DON2205", "Don va don mahsulotlari texnologiyasi", "Технология зерна и зернопродуктов", "Grain technology"),
        ("QUR2206", "Quritish texnologiyasi", "Технология сушки", "Drying technology"),
        ("SVT2207", "Sovutish texnikasi va texnologiyasi", "Холодильная техника и технология", "Refrigeration engineering"),
        ("OMX2208", "Omborxona xoʻjaligi", "Складское хозяйство", "Warehouse management"),
        ("PXI2209", "Paxta xom ashyosini dastlabki ishlash", "Первичная обработка хлопка-сырца", "Primary processing of raw cotton"),
        ("AGE2210", "Agroekologiya", "Агроэкология", "Agroecology"),
    ),
    "D-NGQ": (
        ("NGK2301", "Neft va gaz kimyosi", "Химия нефти и газа", "Oil and gas chemistry"),
        ("NQT2302", "Neftni qayta ishlash texnologiyasi", "Технология переработки нефти", "Oil refining technology"),
        ("GQT2303", "Gazni qayta ishlash texnologiyasi", "Технология переработки газа", "Gas processing technology"),
        ("NMA2304", "Neft mahsulotlari tahlili", "Анализ нефтепродуктов", "Analysis of petroleum products"),
        ("NKS2305", "Neft-kimyo sintezi", "Нефтехимический синтез", "Petrochemical synthesis"),
        ("YMM2306", "Yoqilgʻi va moylash materiallari", "Топлива и смазочные материалы", "Fuels and lubricants"),
        ("KKJ2307", "Katalitik kreking jarayonlari", "Процессы каталитического крекинга", "Catalytic cracking processes"),
        ("NGU2308", "Neft-gazni qayta ishlash zavodlari uskunalari", "Оборудование нефтегазоперерабатывающих заводов", "Refinery equipment"),
        ("TGS2309", "Tabiiy gazni suyultirish", "Сжижение природного газа", "Natural gas liquefaction"),
        ("NGX2310", "Neft-gaz sanoatida xavfsizlik", "Безопасность в нефтегазовой отрасли", "Safety in the oil and gas industry"),
        ("NIT2311", "Ilmiy-tadqiqot ishi (neft-gaz kimyosi)", "Научно-исследовательская работа (нефтегазохимия)", "Research work (oil and gas chemistry)"),
    ),
    "D-SMT": (
        ("SKI2401", "Silikatlar kimyosi", "Химия силикатов", "Silicate chemistry"),
        ("KRM2402", "Kristallografiya va mineralogiya", "Кристаллография и минералогия", "Crystallography and mineralogy"),
        ("SMT2403", "Silikat materiallar texnologiyasi", "Технология силикатных материалов", "Silicate materials technology"),
        ("SEM2404", "Sement texnologiyasi", "Технология цемента", "Cement technology"),
        ("SHI2405", "Shisha texnologiyasi", "Технология стекла", "Glass technology"),
        ("KER2406", "Keramika texnologiyasi", "Технология керамики", "Ceramics technology"),
        ("OCM2407", "Oʻtga chidamli materiallar", "Огнеупорные материалы", "Refractory materials"),
        ("NOD2408", "Nodir metallar texnologiyasi", "Технология редких металлов", "Rare metals technology"),
        ("QMB2409", "Qurilish materiallari va buyumlari", "Строительные материалы и изделия", "Building materials and products"),
        ("ITX2410", "Issiqlik texnikasi", "Теплотехника", "Heat engineering"),
    ),
    "D-JVA": (
        ("MCG2501", "Muhandislik grafikasi", "Инженерная графика", "Engineering graphics"),
        ("NAM2502", "Nazariy mexanika", "Теоретическая механика", "Theoretical mechanics"),
        ("ELT2503", "Elektrotexnika va elektronika", "Электротехника и электроника", "Electrical engineering and electronics"),
        ("GDR2504", "Gidravlika", "Гидравлика", "Hydraulics"),
        ("JVA2505", "Kimyoviy texnologiya jarayonlari va apparatlari", "Процессы и аппараты химической технологии", "Processes and equipment of chemical technology"),
        ("IMA2506", "Issiqlik va massa almashinuvi", "Тепломассообмен", "Heat and mass transfer"),
        ("MQR2507", "Materiallar qarshiligi", "Сопротивление материалов", "Strength of materials"),
        ("MSD2508", "Mashina detallari", "Детали машин", "Machine elements"),
        ("KTM2509", "Kimyo sanoati mashinalari", "Машины химических производств", "Chemical process machinery"),
        ("MET2510", "Metrologiya", "Метрология", "Metrology"),
        ("HFX2511", "Hayot faoliyati xavfsizligi", "Безопасность жизнедеятельности", "Occupational safety"),
    ),
    "D-AVB": (
        ("ABN2601", "Avtomatik boshqarish nazariyasi", "Теория автоматического управления", "Control theory"),
        ("OVD2602", "Oʻlchash vositalari va datchiklar", "Средства измерений и датчики", "Measuring instruments and sensors"),
        ("TJA2603", "Texnologik jarayonlarni avtomatlashtirish", "Автоматизация технологических процессов", "Process automation"),
        ("MPT2604", "Mikroprotsessor tizimlari", "Микропроцессорные системы", "Microprocessor systems"),
        ("PLK2605", "Dasturlanuvchi mantiqiy kontrollerlar", "Программируемые логические контроллеры", "Programmable logic controllers"),
        ("ELY2606", "Elektr yuritma", "Электропривод", "Electric drives"),
        ("SCD2607", "SCADA tizimlari", "SCADA-системы", "SCADA systems"),
        ("TOM2608", "Texnologik obyektlarni modellashtirish", "Моделирование технологических объектов", "Modelling of process plants"),
        ("ROB2609", "Robototexnika", "Робототехника", "Robotics"),
        ("IAT2610", "Sanoat tarmoqlari va aloqa", "Промышленные сети и связь", "Industrial networks"),
    ),
}  # fmt: skip


def descriptions(department: str, uz: str, en: str) -> tuple[str, str]:
    focus_uz, focus_en = FOCUS[department]
    return (
        f"«{uz}» fani talabalarga sohaning asosiy tushunchalari va usullarini {focus_uz} oʻrgatadi. "
        "Maʼruzalar amaliy mashgʻulotlar, laboratoriya ishlari va mustaqil taʼlim bilan mustahkamlanadi.",
        f"The course “{en}” teaches the core concepts and methods of the field {focus_en}. "
        "Lectures are reinforced by practical classes, laboratory work and independent study.",
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TASHKENT)


def seed(*, rng: Random) -> dict[str, int]:
    departments = dict(OrgUnit.objects.filter(code__in=SUBJECTS).values_list("code", "pk"))
    actor = User.objects.get(username="academic")
    rows, entered = [], {}
    for index, (department, subjects) in enumerate(SUBJECTS.items()):
        day = ENTERED_FROM + dt.timedelta(days=index // 2)
        for code, uz, ru, en in subjects:
            description_uz, description_en = descriptions(department, uz, en)
            complete = code not in INCOMPLETE
            rows.append(
                Subject(
                    code=code,
                    name_uz=uz,
                    name_ru=ru,
                    name_en=en,
                    department_id=departments[department],
                    description_uz=description_uz,
                    description_en=description_en if complete else "",
                    catalogued_at=_at(day, rng.randint(9, 17)) if complete else None,
                    created_by=actor,
                )
            )
            entered[code] = day
    Subject.objects.bulk_create(rows)
    for day in sorted(set(entered.values())):
        Subject.objects.filter(code__in=[c for c, d in entered.items() if d == day]).update(
            created_at=_at(day, 9)
        )
    return {"subjects": len(rows), "subjects_incomplete": len(INCOMPLETE)}
