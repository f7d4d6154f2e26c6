"""Annexes 1–5: super administrator, ICT, HR, academic department, dean's office."""

from django.utils.translation import gettext_lazy as _

from hemis.access.roles import RoleCode as R
from hemis.compliance.process import Process as P
from hemis.compliance.rules import after, before, continuous, last_wd_of_month, monthly_by, on_demand

ANNEX_1 = (
    P(
        "annex1.p1",
        R.SUPER_ADMIN,
        (after("launch", 1),),
        "ATni (oʻquv jarayoni, integratsiya sozlamalari va interfeys tilini) sozlaydi",
        "Настраивает систему (учебный процесс, параметры интеграции и язык интерфейса)",
        "Configure the system: teaching-process settings, integration settings, interface language",
    ),
    P(
        "annex1.p2",
        R.SUPER_ADMIN,
        (after("launch", 1),),
        "OTT AT administratori rolini tegishli xodimlarga belgilab beradi",
        "Назначает роль администратора системы ОТО ответственным сотрудникам",
        "Assign the university's system administrator role to the responsible staff",
    ),
    P(
        "annex1.p3",
        R.SUPER_ADMIN,
        (after("launch", 1),),
        "Kadrlar boʻlimi boʻyicha masʼul xodim maʼlumotlarini kiritadi va uning rollarini belgilab beradi",
        "Вносит данные ответственного сотрудника отдела кадров и назначает ему роли",
        "Enter the HR-responsible employee and assign their roles",
    ),
    P(
        "annex1.p4",
        R.SUPER_ADMIN,
        (on_demand,),
        "Talabalar yoki xodimlarning xato kiritilgan JShShIRlarini toʻgʻrilash uchun RTTRMga xat chiqaradi",
        "Направляет в RTTRM письмо об исправлении ошибочно внесённых ПИНФЛ студентов или сотрудников",
        "Send the ministry centre (RTTRM) a request to correct a wrongly entered PINFL of a student or employee",
    ),
    P(
        "annex1.p5",
        R.SUPER_ADMIN,
        (on_demand,),
        "ATda foydalanuvchilar tomonidan bajarilgan amallar jurnali boʻyicha maʼlumotlarni taqdim etadi",
        "Предоставляет сведения из журнала действий пользователей системы",
        "Provide the journal of actions performed by users, on request",
    ),
    P(
        "annex1.p6",
        R.SUPER_ADMIN,
        (continuous,),
        "ATni sinxronlaydi va sinxronlash holatini nazorat qiladi",
        "Синхронизирует систему и контролирует состояние синхронизации",
        "Synchronise the system and monitor the synchronisation status",
    ),
    P(
        "annex1.p7",
        R.SUPER_ADMIN,
        (after("council_decision", 1),),
        "OTT Kengashi qaroriga koʻra GPA (oʻrtacha ball) hisoblash usulini belgilaydi",
        "Устанавливает метод расчёта GPA (среднего балла) по решению Совета ОТО",
        "Set the GPA calculation method by decision of the university council",
    ),
    P(
        "annex1.p8",
        R.SUPER_ADMIN,
        (on_demand,),
        "Professor-oʻqituvchilar, xodimlarning ATga kirish parollarini tiklab beradi",
        "Восстанавливает пароли входа преподавателей и сотрудников",
        "Reset the login passwords of teachers and staff",
    ),
)

ANNEX_2 = (
    P(
        "annex2.p1",
        R.ICT,
        (before("integration", 5),),
        "HEMIS axborot tizimini OTT axborot tizimiga integratsiya qilishdan oldin vazirlikning RTTRM "
        "markazi bilan texnologik yoʻriqnoma ishlab chiqib tasdiqlaydi",
        "До интеграции HEMIS с системой ОТО разрабатывает и утверждает с центром министерства "
        "технологическую инструкцию",
        "Prepare and approve with the ministry centre a technological instruction before integrating "
        "HEMIS with the university's own system",
    ),
    P(
        "annex2.p2",
        R.ICT,
        (after("instruction_approved", 5),),
        "HEMIS axborot tizimidagi mavjud maʼlumotlarni OTT axborot tizimlariga integratsiya qiladi",
        "Интегрирует имеющиеся данные HEMIS в информационные системы ОТО",
        "Integrate the HEMIS data into the university's own systems",
    ),
)

ANNEX_3 = (
    P(
        "annex3.p1",
        R.HR,
        (after("launch", 2),),
        "OTT rekvizitlari, litsenziya va akkreditatsiya maʼlumotlarini (oʻzbek va ingliz tillarida) "
        "kiritadi va yangilab boradi",
        "Вносит и обновляет реквизиты ОТО, данные лицензии и аккредитации (на узбекском и английском)",
        "Enter and keep current the university's requisites, licence and accreditation data, "
        "in Uzbek and English",
    ),
    P(
        "annex3.p2",
        R.HR,
        (after("launch", 2),),
        "Fakultet, kafedra, markaz, boshqarma (boʻlim)lar maʼlumotlarini va OTTning tashkiliy "
        "tuzilmasini kiritadi",
        "Вносит факультеты, кафедры, центры, управления (отделы) и организационную структуру ОТО",
        "Enter the faculties, departments, centres, divisions and the organisational structure",
    ),
    # The annex gives 10 wd; chapter 3.1.3 gives 3 wd for hires, dismissals and position changes.
    # The stricter 3 wd is the default; the university settings may choose 10.
    P(
        "annex3.p3",
        R.HR,
        (after("order", 3),),
        "Xodimlar (rahbar xodimlar, professor-oʻqituvchilar, xodimlar) maʼlumotlarini kiritadi, ularni "
        "boʻlinmalarga biriktiradi, lavozimlari va shtat birliklarini kiritadi",
        "Вносит сотрудников (руководителей, преподавателей, персонал), закрепляет их за подразделениями, "
        "вносит должности и штатные единицы",
        "Enter employees (managers, teachers, staff), attach them to their units and enter their "
        "positions and staff units",
        configurable_days="staff_entry_days",
    ),
    P(
        "annex3.p4",
        R.HR,
        (after("order", 2),),
        "Tanlovdan oʻtgan professor-oʻqituvchilar roʻyxatini shakllantiradi va monitoringini amalga oshiradi",
        "Формирует список преподавателей, прошедших конкурсный отбор, и ведёт его мониторинг",
        "Keep the list of teachers who passed competitive selection, and monitor it",
    ),
    P(
        "annex3.p5",
        R.HR,
        (after("order", 2),),
        "Xodimlarning mehnat faoliyati (mehnat taʼtili, ishdan boʻshash, xizmat safari) boʻyicha "
        "maʼlumotlarni kiritadi",
        "Вносит данные о трудовой деятельности сотрудников (отпуск, увольнение, командировка)",
        "Enter the labour events of employees: vacation, dismissal, business trip",
    ),
    P(
        "annex3.p6",
        R.HR,
        (after("document", 2),),
        "OTT haqidagi maʼlumotlar, tashkiliy tuzilma, xodimlar va ularning mehnat faoliyatidagi "
        "oʻzgarishlarni kiritib boradi",
        "Вносит изменения в данные об ОТО, его структуре, сотрудниках и их трудовой деятельности",
        "Enter every change to the university's data, structure, employees and labour events",
    ),
)

ANNEX_4 = (
    P(
        "annex4.p1",
        R.ACADEMIC,
        (after("launch", 2),),
        "Baholash tizimi va baholash turlari haqidagi maʼlumotlarni kiritadi",
        "Вносит систему оценивания и виды оценивания",
        "Enter the marking system and the assessment types",
    ),
    P(
        "annex4.p2",
        R.ACADEMIC,
        (before("semester_start", 1),),
        "Joriy oʻquv yili va semestrni belgilaydi",
        "Устанавливает текущий учебный год и семестр",
        "Set the current academic year and semester",
    ),
    P(
        "annex4.p3",
        R.ACADEMIC,
        (continuous,),
        "Qaydnomalar turlarini belgilaydi va oʻzgarish boʻlganda yangilaydi",
        "Определяет виды ведомостей и обновляет их при изменениях",
        "Define the statement (qaydnoma) types and update them on change",
    ),
    P(
        "annex4.p4",
        R.ACADEMIC,
        (continuous,),
        "OTTda ochilgan yangi taʼlim yoʻnalishlarini qoʻshib boradi",
        "Добавляет новые открытые в ОТО направления обучения",
        "Add newly opened programmes",
    ),
    P(
        "annex4.p5",
        R.ACADEMIC,
        (after("launch", 2), continuous),
        "Oʻquv jarayoni tashkil etiladigan bino va auditoriya fondi toʻgʻrisidagi maʼlumotlarni kiritadi "
        "va yangilab boradi",
        "Вносит и обновляет данные о зданиях и аудиторном фонде",
        "Enter the buildings and rooms used for teaching, then keep them current",
    ),
    P(
        "annex4.p6",
        R.ACADEMIC,
        (before("academic_year_start", 15),),
        "Oʻquv yili uchun dars juftliklari vaqti toʻgʻrisidagi maʼlumotlarni kiritadi",
        "Вносит время учебных пар на учебный год",
        "Enter the lesson-pair times for the academic year",
    ),
    P(
        "annex4.p7",
        R.ACADEMIC,
        (before("academic_year_start", 15), continuous),
        "Oʻquv yili uchun professor-oʻqituvchilar, kafedralar va fakultetlar reytingini aniqlash "
        "mezonlarini kiritadi va yangilab boradi",
        "Вносит и обновляет критерии рейтинга преподавателей, кафедр и факультетов на учебный год",
        "Enter the rating criteria for teachers, departments and faculties for the year, then keep "
        "them current",
    ),
    P(
        "annex4.p8",
        R.ACADEMIC,
        (after("curriculum_approved", 10),),
        "ATga fanlar katalogini (oʻzbek va ingliz tillarida) kiritadi",
        "Вносит каталог дисциплин (на узбекском и английском языках)",
        "Enter the subject catalogue in Uzbek and English",
    ),
    P(
        "annex4.p9",
        R.ACADEMIC,
        (after("order", 2), continuous),
        "Rahbar xodimlar, professor-oʻqituvchilar va xodimlarning malaka oshirganligi toʻgʻrisidagi "
        "maʼlumotlarni kiritadi va nazoratini yuritadi",
        "Вносит и контролирует сведения о повышении квалификации руководителей, преподавателей и сотрудников",
        "Enter and monitor the professional-development records of managers, teachers and staff",
    ),
    P(
        "annex4.p10",
        R.ACADEMIC,
        (continuous,),
        "Akademik guruhlar kesimida dars jadvallarining shakllantirilganligini nazorat qiladi",
        "Контролирует наличие расписания занятий у каждой академической группы",
        "Monitor that every academic group has a timetable",
    ),
)

ANNEX_5 = (
    P(
        "annex5.p1",
        R.DEAN,
        (after("programme_opened", 1),),
        "Bakalavriat taʼlim yoʻnalishlari, magistratura mutaxassisliklari va ularning kvalifikatsiyalarini "
        "shakllantiradi",
        "Формирует направления бакалавриата, специальности магистратуры и их квалификации",
        "Enter the bachelor programmes, master specialties and their qualifications",
    ),
    P(
        "annex5.p2",
        R.DEAN,
        (before("academic_year_start", 15),),
        "Bakalavriat taʼlim yoʻnalishlari va magistratura mutaxassisliklari oʻquv rejalarini shakllantiradi",
        "Формирует учебные планы направлений бакалавриата и специальностей магистратуры",
        "Enter the curricula of the programmes and specialties",
    ),
    P(
        "annex5.p3",
        R.DEAN,
        (before("semester_start", 10),),
        "Oʻquv rejalariga boshlanayotgan semestrning majburiy va tanlov fanlarini kiritadi",
        "Вносит в учебные планы обязательные и элективные дисциплины начинающегося семестра",
        "Enter the mandatory and elective subjects of the coming semester into the curricula",
    ),
    P(
        "annex5.p4",
        R.DEAN,
        (before("academic_year_start", 10),),
        "Akademik guruhlarni shakllantiradi",
        "Формирует академические группы",
        "Form the academic groups",
    ),
    P(
        "annex5.p5",
        R.DEAN,
        (after("admission_order", 5),),
        "Oʻqishga qabul qilingan talabalar maʼlumotlari asosida talabalar bazasini shakllantiradi",
        "Формирует базу студентов по данным принятых на обучение",
        "Build the student base from the admitted students",
    ),
    P(
        "annex5.p6",
        R.DEAN,
        (after("admission_order", 5),),
        "Bazadagi talabalarni akademik guruhlarga biriktiradi",
        "Распределяет студентов базы по академическим группам",
        "Assign the students to academic groups",
    ),
    P(
        "annex5.p7",
        R.DEAN,
        (after("order", 3),),
        "Talabalar harakati (kursdan kursga oʻtkazish, kursda qoldirish, oʻqishdan chetlashtirish, "
        "akademik mobillik, akademik taʼtil, oʻqishni tiklash, oʻqishga qaytarish, oʻqishni bitirish, "
        "oʻqishni tamomlash, bitiruvchi statusi va talaba holati) toʻgʻrisidagi maʼlumotlarni kiritadi",
        "Вносит движение студентов (перевод с курса на курс, оставление на курсе, отчисление, "
        "академическая мобильность, академический отпуск, восстановление, возвращение к учёбе, "
        "окончание и завершение обучения, статус выпускника и состояние студента)",
        "Enter student movements: course-to-course transfer, repeating a course, expulsion, academic "
        "mobility, academic leave, reinstatement, return to studies, graduation, completion of studies, "
        "graduate status, student status",
    ),
    P(
        "annex5.p8",
        R.DEAN,
        (before("semester_start", 10),),
        "Akademik guruhlarga fanlarni biriktiradi",
        "Закрепляет дисциплины за академическими группами",
        "Assign subjects to the academic groups",
    ),
    P(
        "annex5.p9",
        R.DEAN,
        (before("semester_start", 5),),
        "Akademik guruhlar kesimida dars jadvallarini shakllantiradi",
        "Формирует расписание занятий каждой академической группы",
        "Build the timetable of every academic group",
    ),
    P(
        "annex5.p10",
        R.DEAN,
        (before("control_week_start", 5),),
        "Akademik guruhlar kesimida nazoratlarni topshirish va qayta topshirish jadvallarini shakllantiradi",
        "Формирует графики сдачи и пересдачи контроля каждой академической группы",
        "Build the control and re-control schedules of every academic group",
    ),
    P(
        "annex5.p11",
        R.DEAN,
        (continuous,),
        "Talabalarning oʻz hisobidan qayta oʻqishi (muddatlar, fan guruhlari, talabalar roʻyxati, dars "
        "jadvali, nazoratlar jadvali, qaydnomalar) haqidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит и обновляет платное повторное обучение (сроки, группы по дисциплинам, списки студентов, "
        "расписание, график контроля, ведомости)",
        "Keep the paid re-study current: periods, subject groups, student lists, timetable, control "
        "schedule, statements",
    ),
    P(
        "annex5.p12",
        R.DEAN,
        (after("grades_entered", 10),),
        "Talabalarning jamlanma oʻzlashtirish koʻrsatkichlarini (reyting qaydnoma, jamlanma qaydnoma, "
        "akademik qarzdorlik, shaxsiy reja) shakllantiradi",
        "Формирует сводную успеваемость (рейтинговая и сводная ведомости, академическая задолженность, "
        "индивидуальный план)",
        "Build the consolidated performance: rating statement, summary statement, academic debt, "
        "individual plan",
    ),
    P(
        "annex5.p13",
        R.DEAN,
        (before("academic_year_start", 15),),
        "Oʻquv yili yakunlari va qayta oʻqish boʻyicha oʻzlashtirish asosida GPA (oʻrtacha ball) "
        "ballarini hisoblaydi",
        "Рассчитывает GPA (средний балл) по итогам учебного года и повторного обучения",
        "Calculate the GPA from the year's results and re-study",
    ),
    P(
        "annex5.p14",
        R.DEAN,
        (continuous,),
        "Professor-oʻqituvchilar kiritgan fan kontentlari va oʻtilgan darslar qaydlarini nazorat qiladi",
        "Контролирует контент дисциплин и записи о проведённых занятиях, внесённые преподавателями",
        "Monitor the subject content and lesson records entered by teachers",
    ),
    P(
        "annex5.p15",
        R.DEAN,
        (after("semester_and_resits_end", 5), monthly_by(26)),
        "Talabalar stipendiyasi va ularni ragʻbatlantirish toʻgʻrisidagi maʼlumotlarni (bayonnoma va "
        "buyruqlarni) kiritadi",
        "Вносит стипендии и поощрения студентов (протоколы и приказы)",
        "Enter stipends and incentives (protocols and orders)",
        clauses=(_("State-grant students"), _("Contract students")),
    ),
    P(
        "annex5.p16",
        R.DEAN,
        (after("attestation_order", 10),),
        "Bitiruvchi talabalar va magistrlarning diplomlari hamda diplom ilovalarini shakllantiradi",
        "Формирует дипломы и приложения к дипломам выпускников",
        "Prepare the diplomas and diploma supplements of the graduates",
    ),
    P(
        "annex5.p17",
        R.DEAN,
        (continuous,),
        "Talabalar yutuqlari (Prezident va nomli davlat stipendiyalari, tanlov va musobaqalar, mukofotlar, "
        "chet tili sertifikatlari) toʻgʻrisidagi maʼlumotlarni kiritadi va yangilab boradi",
        "Вносит достижения студентов (президентские и именные стипендии, конкурсы и соревнования, "
        "награды, сертификаты по иностранным языкам)",
        "Enter student achievements: presidential and named state scholarships, competitions, awards, "
        "foreign-language certificates",
    ),
    P(
        "annex5.p18",
        R.DEAN,
        (last_wd_of_month(5),),
        "Toʻlov-kontrakt mablagʻlari boʻyicha maʼlumotlarni shartnoma asosidagi xizmatlar hisobini "
        "yuritish axborot tizimi bilan sinxronlab boradi",
        "Синхронизирует оплату контрактов с системой учёта договорных услуг",
        "Synchronise tuition-contract payments with the contract-services accounting system",
    ),
    P(
        "annex5.p19",
        R.DEAN,
        (last_wd_of_month(5),),
        "Talabalarga tayinlangan stipendiyalar boʻyicha maʼlumotlarni sinxronlab boradi",
        "Синхронизирует назначенные студентам стипендии",
        "Synchronise the stipends assigned to students",
    ),
    P(
        "annex5.p20",
        R.DEAN,
        (on_demand,),
        "Talabalarning ATga kirish parollarini tiklab beradi",
        "Восстанавливает пароли входа студентов",
        "Reset students' passwords",
    ),
)

PROCESSES = ANNEX_1 + ANNEX_2 + ANNEX_3 + ANNEX_4 + ANNEX_5
