"""Annexes 6–13 and the controlling roles.

Annex 6 has no table in the source: its duties come from chapter 3.1.6 (``annex6.p1``–``p4``),
all continuous; how well they are met shows in the teachers' annex 7 figures of the department.
The controlling roles of chapter 3.1.14 are ``controlling.management``, ``controlling.library``
and ``controlling.dormitory``.
"""

from hemis.access.roles import RoleCode as R
from hemis.compliance.process import Process as P
from hemis.compliance.rules import after, before, continuous, on_demand, quarter_start, same_day
from hemis.teaching.department_selectors import ASSIGNMENTS_DAYS, RESOURCES_DAYS, TOPICS_DAYS

ANNEX_6 = (
    P(
        "annex6.p1",
        R.HEAD,
        (continuous,),
        "Kafedraga biriktirilgan fanlarni oʻqituvchilarga taqsimlaydi",
        "Распределяет закреплённые за кафедрой дисциплины между преподавателями",
        "Distribute the department's subjects to teachers",
    ),
    P(
        "annex6.p2",
        R.HEAD,
        (continuous,),
        "Fan mavzulari, resurslari va topshiriqlarining kiritilganligini nazorat qiladi",
        "Контролирует внесение тем, ресурсов и заданий по дисциплинам",
        "Monitor that topics, resources and assignments are entered",
    ),
    P(
        "annex6.p3",
        R.HEAD,
        (continuous,),
        "Kafedra professor-oʻqituvchilari kesimida darslarning oʻtilishini nazorat qiladi",
        "Контролирует проведение занятий каждым преподавателем кафедры",
        "Monitor the lessons held by each teacher of the department",
    ),
    P(
        "annex6.p4",
        R.HEAD,
        (continuous,),
        "Kafedra professor-oʻqituvchilarining oʻquv-uslubiy va ilmiy-tadqiqot ishlarini tasdiqlaydi",
        "Утверждает учебно-методические и научно-исследовательские работы преподавателей кафедры",
        "Approve the teachers' methodological and research works",
    ),
)

ANNEX_7 = (
    P(
        "annex7.p1",
        R.TEACHER,
        (after("subject_assigned", TOPICS_DAYS),),
        "Oʻziga biriktirilgan fan mavzularini kiritadi",
        "Вносит темы закреплённых за ним дисциплин",
        "Enter the topics of each assigned subject",
    ),
    P(
        "annex7.p2",
        R.TEACHER,
        (after("subject_assigned", RESOURCES_DAYS),),
        "Oʻziga biriktirilgan fan kontentlarini ATga yuklaydi",
        "Загружает контент закреплённых дисциплин",
        "Upload the content (resources) of each assigned subject",
    ),
    P(
        "annex7.p3",
        R.TEACHER,
        (after("subject_assigned", ASSIGNMENTS_DAYS),),
        "Oʻziga biriktirilgan fanga doir talabalar uchun topshiriqlarni ATga yuklaydi",
        "Загружает задания для студентов по закреплённым дисциплинам",
        "Upload the assignments for students",
    ),
    P(
        "annex7.p4",
        R.TEACHER,
        (same_day("lesson"),),
        "Oʻtilgan darslarni va talabalar davomatini qayd etib boradi",
        "Отмечает проведённые занятия и посещаемость студентов",
        "Record each lesson held and the students' attendance",
    ),
    P(
        "annex7.p5",
        R.TEACHER,
        (after("control", 5),),
        "Oraliq va yakuniy nazoratlar boʻyicha oʻzlashtirish va qayta oʻzlashtirish koʻrsatkichlarini kiritadi",
        "Вносит результаты промежуточного и итогового контроля и пересдач",
        "Enter midterm and final control grades, and re-sit grades",
    ),
    P(
        "annex7.p6",
        R.TEACHER,
        (continuous,),
        "Oʻquv-uslubiy va ilmiy-tadqiqot ishlarini kiritib boradi",
        "Вносит учебно-методические и научно-исследовательские работы",
        "Enter methodological and research works",
    ),
)

ANNEX_8 = (
    P(
        "annex8.p1",
        R.ACCOUNTING,
        (continuous,),
        "Mehnatga haq toʻlashning eng kam miqdorini kiritadi va yangilab boradi",
        "Вносит и обновляет минимальный размер оплаты труда",
        "Enter and keep current the statutory minimum wage",
    ),
    P(
        "annex8.p2",
        R.ACCOUNTING,
        (continuous,),
        "OTTga xizmat koʻrsatuvchi bank rekvizitlarini kiritadi va yangilab boradi",
        "Вносит и обновляет реквизиты обслуживающих ОТО банков",
        "Enter and keep current the requisites of the banks serving the university",
    ),
    P(
        "annex8.p3",
        R.ACCOUNTING,
        (continuous,),
        "Talabalar uchun toʻlov (stipendiya va ijara puli) turlari va miqdorlarini kiritadi hamda "
        "yangilab boradi",
        "Вносит и обновляет виды и размеры выплат студентам (стипендия, квартирные)",
        "Enter and keep current the student payment types (stipend, rent) and amounts",
    ),
    P(
        "annex8.p4",
        R.ACCOUNTING,
        (continuous,),
        "Talabalarga tayinlangan stipendiya toʻgʻrisidagi bayonnomalar va buyruqlar boʻyicha kelishuvni "
        "belgilaydi",
        "Согласовывает протоколы и приказы о назначении стипендий",
        "Approve the stipend protocols and orders",
    ),
)

ANNEX_9 = (
    P(
        "annex9.p1",
        R.SCIENCE,
        (continuous,),
        "Ilmiy loyihalar haqidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит и обновляет научные проекты",
        "Enter and keep current the research projects",
    ),
    P(
        "annex9.p2",
        R.SCIENCE,
        (continuous,),
        "Ilmiy loyihalarning moliyaviy maʼlumotlarini kiritadi va yangilab boradi",
        "Вносит и обновляет финансирование научных проектов",
        "Enter and keep current the finances of the research projects",
    ),
    P(
        "annex9.p3",
        R.SCIENCE,
        (continuous,),
        "Ilmiy loyihalar ijrochilari haqidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит и обновляет исполнителей научных проектов",
        "Enter and keep current the executors of the research projects",
    ),
)

ANNEX_10 = (
    P(
        "annex10.p1",
        R.DOCTORATE,
        (continuous,),
        "OTTda mavjud ixtisosliklar haqidagi maʼlumotlarni shakllantiradi va yangilab boradi",
        "Формирует и обновляет специальности докторантуры ОТО",
        "Enter and keep current the doctoral specialties",
    ),
    P(
        "annex10.p2",
        R.DOCTORATE,
        (continuous,),
        "Tayanch doktorantlar va doktorantlar toʻgʻrisidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит и обновляет базовых докторантов и докторантов",
        "Enter and keep current the PhD and DSc doctoral students",
    ),
    P(
        "annex10.p3",
        R.DOCTORATE,
        (continuous,),
        "Dissertatsiya himoyasi toʻgʻrisidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит и обновляет защиты диссертаций",
        "Enter and keep current the dissertation defences",
    ),
)

ANNEX_11 = (
    P(
        "annex11.p1",
        R.MARKETING,
        (after("quotas_approved", 10),),
        "Oʻquv yili uchun belgilangan qabul kvotalari maʼlumotlarini kiritadi",
        "Вносит квоты приёма на учебный год",
        "Enter the admission quotas for the academic year",
    ),
    P(
        "annex11.p2",
        R.MARKETING,
        (quarter_start,),
        "Bitiruvchilarning ishga joylashganligi haqidagi maʼlumotlarni kiritadi",
        "Вносит данные о трудоустройстве выпускников",
        "Enter the graduates' employment",
    ),
)

ANNEX_12 = (
    P(
        "annex12.p1",
        R.DIPLOMA,
        (after("printing", 1),),
        "Bitiruvchilarning diplom va diplom ilovasi nashr holatini (diplom maʼlumotlarini tahrirlashni "
        "cheklash) belgilaydi",
        "Отмечает печать диплома и приложения (данные диплома закрываются от изменений)",
        "Mark a diploma and its supplement as printed (this locks the diploma data against editing)",
    ),
    P(
        "annex12.p2",
        R.DIPLOMA,
        (after("printing", 1),),
        "Diplom va diplom ilovasi nashr blankalari holatini (berilgan, buzilgan, foydalanilmagan) belgilaydi",
        "Отмечает состояние бланков дипломов и приложений (выдан, испорчен, не использован)",
        "Mark the blank forms as issued, damaged or unused",
    ),
)

# Annex 13 is what a student does; "a week before each semester" is taken as 5 working days.
ANNEX_13 = (
    P(
        "annex13.p1",
        R.STUDENT,
        (same_day("first_login"),),
        "Shaxsiy kabinet parolini oʻzgartiradi, e-mail va telefon raqamini kiritadi",
        "Меняет пароль личного кабинета, вносит e-mail и номер телефона",
        "Change the password and enter e-mail and phone on the first login",
    ),
    P(
        "annex13.p2",
        R.STUDENT,
        (continuous,),
        "Oʻquv jarayoni maʼlumotlari (oʻquv reja, dars jadvali, nazorat jadvali, davomat, oʻzlashtirish, "
        "imtihonlar va tanlov fanlar, qayta oʻqish, shartnomalar, stipendiya) bilan tanishadi",
        "Знакомится с данными учебного процесса (учебный план, расписание, график контроля, "
        "посещаемость, успеваемость, экзамены и элективы, повторное обучение, договоры, стипендии)",
        "Follow the teaching-process data: curriculum, timetable, control schedule, attendance, "
        "performance, exams and electives, re-study, contracts, stipends",
    ),
    P(
        "annex13.p3",
        R.STUDENT,
        (before("semester_start", 5),),
        "Fanlar katalogidan tanlov fanlarini tanlaydi",
        "Выбирает элективные дисциплины из каталога",
        "Choose electives from the subject catalogue",
    ),
    P(
        "annex13.p4",
        R.STUDENT,
        (continuous,),
        "Oʻquv reja boʻyicha fan kontentlaridan foydalanadi",
        "Пользуется контентом дисциплин учебного плана",
        "Use the subject content of the curriculum",
    ),
    P(
        "annex13.p5",
        R.STUDENT,
        (same_day("assignment_deadline"),),
        "Fan topshiriqlari va testlarni bajaradi",
        "Выполняет задания и тесты по дисциплинам",
        "Do assignments and tests by their deadlines",
    ),
    P(
        "annex13.p6",
        R.STUDENT,
        (on_demand,),
        "Kerakli hujjatlarni (buyruqlar, oʻqish joyidan maʼlumotnoma, oʻquv varaqa, transkript, shaxsiy "
        "reja, reyting daftarcha, talaba guvohnomasi) onlayn oladi",
        "Получает онлайн документы (приказы, справка с места учёбы, учебная карточка, транскрипт, "
        "индивидуальный план, зачётная книжка, студенческий билет)",
        "Download documents: orders, certificate of study, study record card, transcript, individual "
        "plan, record book, student ID card",
    ),
    P(
        "annex13.p7",
        R.STUDENT,
        (continuous,),
        "Shaxsiy maʼlumotlari toʻgʻri kiritilganligini tekshiradi",
        "Проверяет правильность своих персональных данных",
        "Check one's own personal data",
    ),
    P(
        "annex13.p8",
        R.STUDENT,
        (continuous,),
        "Unilibrary — oliy taʼlim muassasalarining yagona elektron kutubxona axborot tizimidan foydalanadi",
        "Пользуется Unilibrary — единой электронной библиотекой вузов",
        "Use Unilibrary, the national e-library of higher-education institutions",
    ),
    P(
        "annex13.p9",
        R.STUDENT,
        (on_demand,),
        "Oʻqishni bitirib, bitiruv varagʻi toʻliq belgilangandan soʻng diplom va diplom ilovasini yuklab oladi",
        "После окончания и полного оформления обходного листа скачивает диплом и приложение",
        "Download the diploma and supplement once the clearance sheet is fully signed",
    ),
)

CONTROLLING = (
    P(
        "controlling.management",
        R.MANAGEMENT,
        (continuous,),
        "Xodimlarning axborot tizimidan foydalanish boʻyicha reglamentga amal qilishini doimiy nazorat qiladi",
        "Постоянно контролирует соблюдение сотрудниками регламента использования системы",
        "Monitor that staff follow this regulation",
    ),
    P(
        "controlling.library",
        R.LIBRARY,
        (after("debt_cleared", 1),),
        "Talaba kutubxonadan qarzdorlikni bartaraf etganda «Bitiruv varagʻi»ni tasdiqlaydi",
        "Подписывает обходной лист, когда студент погасил долг перед библиотекой",
        "Sign off the clearance sheet once the student's library debt is cleared",
    ),
    P(
        "controlling.dormitory",
        R.DORMITORY,
        (after("debt_cleared", 1),),
        "Talaba yotoqxonadan qarzdorlikni bartaraf etganda «Bitiruv varagʻi»ni tasdiqlaydi",
        "Подписывает обходной лист, когда студент погасил долг перед общежитием",
        "Sign off the clearance sheet once the student's dormitory debt is cleared",
    ),
)

PROCESSES = ANNEX_6 + ANNEX_7 + ANNEX_8 + ANNEX_9 + ANNEX_10 + ANNEX_11 + ANNEX_12 + ANNEX_13 + CONTROLLING
