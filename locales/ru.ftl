# Русский: язык портала по умолчанию.
language-name = Русский
portal-name = Госуслуги
skip-to-content = Перейти к основному содержанию
nav-main = Основная навигация
nav-home = Главная
nav-services = Каталог услуг
language-switch = Язык
low-vision-on = Версия для слабовидящих
low-vision-off = Обычная версия
coat-of-arms-alt = Герб: { $region }
search-label = Поиск услуг
search-placeholder = Например, паспорт или пособие
search-button = Найти
home-title = Государственные и муниципальные услуги
home-lead = Найдите услугу, скачайте бланки и подайте заявление онлайн.
categories-title = Категории услуг
category-services = { $count ->
    [one] { $count } услуга
    [few] { $count } услуги
   *[many] { $count } услуг
}
priority-title = Популярные услуги
priority-badge = Приоритетная услуга
stage-badge = Этап { $stage } из 5
stage-1 = Информация об услуге
stage-2 = Бланки для скачивания
stage-3 = Подача заявления онлайн
stage-4 = Статус онлайн
stage-5 = Результат онлайн
services-title = Каталог услуг
services-filter-category = Категория
services-filter-all = Все категории
services-filter-apply = Показать
services-found = { $count ->
    [one] Найдена { $count } услуга
    [few] Найдены { $count } услуги
   *[many] Найдено { $count } услуг
}
services-none = Услуги не найдены. Измените запрос или выберите другую категорию.
service-department = Ведомство
service-stage = Электронный этап
service-back = Вернуться в каталог
footer-support = Служба поддержки
footer-phone = Телефон
footer-email = Электронная почта
footer-about = Региональный портал государственных и муниципальных услуг
not-found-title = Страница не найдена
not-found-text = Такой страницы нет. Возможно, адрес введён с ошибкой или страница была удалена.
not-found-home = На главную
bad-request-title = Запрос не понят
bad-request-text = В адресе страницы указаны значения, которых нет в каталоге, или слишком длинный текст. Выберите услуги заново.
bad-request-catalog = К каталогу услуг
error-title = Сервис временно недоступен
error-text = Мы уже знаем о проблеме. Попробуйте обновить страницу через несколько минут.
loading = Загрузка…
no-region = Регион ещё не настроен. Оператор должен загрузить пакет региона.
settings-bad-language = Такой язык не поддерживается.
settings-bad-form = Форма отправлена неверно. Вернитесь назад и попробуйте ещё раз.
request-forbidden = Запрос отклонён: он отправлен с другого сайта.
search-title = Поиск услуг
search-prompt = Введите название услуги или слово из её описания.
search-nothing = По запросу «{ $query }» ничего не найдено
search-hint-spelling = Проверьте, нет ли в запросе опечатки.
search-hint-fewer = Попробуйте меньше слов или другое слово с тем же смыслом.
search-hint-catalog = Посмотрите весь каталог услуг по категориям
life-situations-title = Жизненные ситуации
services-filter-life-situation = Жизненная ситуация
services-filter-department = Ведомство
services-filter-municipality = Муниципальное образование
services-filter-stage = Электронный этап
services-filter-any = Любое
passport-summary = Описание
passport-applicants = Кто может обратиться
passport-documents = Необходимые документы
passport-document-interagency = ведомство запросит сам, приносить не нужно
passport-fee = Стоимость
passport-term = Срок предоставления
passport-term-days = { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[many] { $days } рабочих дней
}
passport-result = Результат
passport-refusal = Основания для отказа
passport-legal = Правовые основания
passport-channels = Способы подачи
passport-municipalities = Где предоставляется
passport-whole-region = На всей территории края
passport-life-situations = Жизненные ситуации
passport-category = Категория
passport-blanks = Бланки для скачивания
passport-blank-download = Скачать { $format }, { $size }
passport-no-blanks = Бланки для этой услуги не размещены.
passport-apply-online = Подать заявление онлайн
passport-contacts = Контакты ведомства
channel-online = на портале
channel-office = лично в ведомстве
channel-mfc = в МФЦ
channel-post = почтой
department-address = Адрес
department-phone = Телефон
department-email = Электронная почта
department-hours = Часы работы
department-website = Сайт
department-services = Услуги ведомства
life-situation-services = Услуги для этой ситуации
size-kb = { $size } КБ
size-mb = { $size } МБ
search-more = Показать ещё
search-previous = ← Предыдущие результаты
too-many-requests = Слишком много запросов. Подождите минуту и попробуйте снова.
login-button = Войти через Госуслуги
demo-banner-title = Демонстрационный режим.
demo-banner = Вход имитируется: любой может войти под любым тестовым пользователем. Не вводите настоящие данные.
logout-button = Выйти
header-account = Личный кабинет
header-office = Рабочее место
header-admin = Администрирование
login-required-title = Нужно войти
login-required-text = Чтобы открыть эту страницу, войдите через Госуслуги — единую учётную запись федерального портала. Пароль для нашего портала не нужен.
forbidden-title = Нет доступа
forbidden-text = У вашей учётной записи нет прав на эту страницу. Если права нужны для работы, обратитесь к оператору портала.
login-error-title = Не удалось войти
login-error-cancelled = Вы отказались от входа на федеральном портале. Ничего не сохранено.
login-error-bad_state = Ответ федерального портала не относится к этому входу: возможно, страница входа была открыта повторно, в другом браузере или вход длился слишком долго. Ничего не сохранено.
login-error-bad_token = Не удалось подтвердить подлинность ответа федерального портала. Ваши данные не сохранены.
login-error-unavailable = Федеральный портал сейчас недоступен. Попробуйте войти через несколько минут.
login-error-provider_error = Федеральный портал не смог выполнить вход.
login-error-unknown = Вход не выполнен.
login-error-retry = Попробовать войти ещё раз
login-error-home = На главную
profile-title = Личный кабинет
profile-lead = Это данные вашей учётной записи на федеральном портале Госуслуг. Здесь их изменить нельзя.
profile-change = Изменить данные на федеральном портале
profile-name = Фамилия, имя, отчество
profile-snils = СНИЛС
profile-birthdate = Дата рождения
profile-email = Электронная почта
profile-phone = Телефон
profile-assurance = Уровень учётной записи
profile-not-given = не указано
assurance-simplified = Упрощённая
assurance-standard = Стандартная
assurance-confirmed = Подтверждённая
profile-roles = Роли на портале
role-clerk = Специалист ведомства
role-head = Руководитель ведомства
role-operator = Оператор регионального портала
profile-security = Безопасность
profile-sessions = Открытых сеансов: { $count }
profile-logout-everywhere = Выйти на всех устройствах
office-title = Рабочее место специалиста
admin-title = Администрирование портала
admin-lead = Здесь оператор настраивает портал региона: каталог услуг, сотрудников и оформление.
passport-assurance-required = Для подачи заявления онлайн нужна { $level } учётная запись Госуслуг.
passport-assurance-low = У вашей учётной записи уровень «{ $level }». Повысить его можно на федеральном портале: подтвердить личность в центре обслуживания (МФЦ), через онлайн-банк или электронной подписью.
assurance-needed-standard = стандартная
assurance-needed-confirmed = подтверждённая
nav-my-applications = Мои заявления
apply-title = Подача заявления онлайн
apply-lead = Заполните заявление по шагам. Черновик сохраняется на портале: к нему можно вернуться в любой момент из раздела «Мои заявления».
apply-steps = Шаги заявления
apply-documents = Подготовьте документы
apply-term = Срок рассмотрения
apply-start = Начать заполнение
apply-resume = Продолжить черновик
form-step-of = Шаг { $step } из { $total }
form-progress = Ход заполнения
form-review-step = Проверка
form-next = Далее
form-back = Назад
form-save = Сохранить черновик
form-to-review = Проверить заявление
form-saved = Черновик сохранён
form-saving = Сохраняем черновик…
form-not-saved = Черновик не сохранился. Проверьте подключение к интернету; введённое остаётся на странице.
form-errors-title = Исправьте ошибки
form-errors-count = { $count ->
    [one] В заявлении { $count } ошибка
    [few] В заявлении { $count } ошибки
   *[many] В заявлении { $count } ошибок
}
form-optional = необязательно
form-add-entry = Добавить
form-remove-entry = Удалить
form-entry = { $group }: { $number }
form-no-entries = Пока ничего не добавлено.
form-files = Загруженные файлы
form-file-remove = Удалить файл
form-file-hint = Форматы: { $formats }. Не больше { $count } файлов, каждый до { $size }.
form-select-placeholder = Выберите…
form-delete-draft = Удалить черновик
form-draft-saved-notice = Черновик сохранён. Можно продолжить позже из раздела «Мои заявления».
review-title = Проверьте заявление
review-lead = Проверьте данные перед отправкой. Изменить их можно по ссылке «Изменить» у каждого шага.
review-edit = Изменить
review-submit = Отправить заявление
review-submit-hint = После отправки заявление получит регистрационный номер, а изменить его будет нельзя.
review-not-given = не указано
review-yes = да
review-changed = Форма заявления изменилась, пока вы его заполняли. Проверьте данные: ответы на вопросы, которых больше нет, удалены.
application-title = Заявление № { $number }
application-draft-title = Черновик заявления
application-submitted = Заявление отправлено и зарегистрировано
application-submitted-text = Сохраните расписку: в ней номер заявления и срок рассмотрения. Статус заявления можно отслеживать здесь и в разделе «Мои заявления».
application-receipt = Скачать расписку (PDF)
application-print = Версия для печати
application-number = Регистрационный номер
application-registered-at = Дата регистрации
application-service = Услуга
application-department = Ведомство
application-deadline = Срок рассмотрения
application-deadline-until = до { $date } включительно
application-status = Статус
application-history = История
application-data = Данные заявления
application-files = Приложенные файлы
application-messages = Сообщения
application-from-clerk = Специалист ведомства
application-from-you = Вы
application-missing = Недостающие документы
application-reply = Ответить специалисту
application-reply-text = Ваш ответ
application-reply-files = Файлы к ответу
application-reply-send = Отправить ответ
application-withdraw = Отозвать заявление
application-withdraw-hint = Отозвать заявление можно до принятия решения. Отозванное заявление не рассматривается.
application-result = Результат предоставления услуги
application-origin-federal = Подано на федеральном портале
application-continue = Продолжить заполнение
application-download = Скачать
status-draft = Черновик
status-submitted = Отправлено
status-registered = Зарегистрировано
status-in_review = На рассмотрении
status-awaiting_applicant = Ожидает ответа заявителя
status-approved = Одобрено
status-refused = Отказано
status-result_issued = Результат готов
status-withdrawn = Отозвано
action-submit = Заявление отправлено
action-register = Заявление зарегистрировано
action-take = Принято в работу
action-return = Возвращено в очередь
action-request_info = Запрошены сведения у заявителя
action-reply = Заявитель ответил
action-approve = Принято положительное решение
action-refuse = Отказано в предоставлении услуги
action-issue_result = Результат выдан
action-withdraw = Отозвано заявителем
my-applications-title = Мои заявления
my-applications-none = Здесь пока пусто. Найдите услугу в каталоге и подайте заявление онлайн.
my-applications-show = Показать
my-applications-updated = Изменено
shown-all = Все
shown-active = В работе
shown-drafts = Черновики
shown-closed = Завершённые
refusal-title = Действие не выполнено
refusal-not-online = Эту услугу нельзя получить онлайн.
refusal-not-editable = Заявление уже отправлено, изменить его нельзя.
refusal-unknown-fields = Форма отправлена с полями, которых в ней нет. Обновите страницу и попробуйте снова.
refusal-invalid = В заявлении есть ошибки. Исправьте их и отправьте снова.
refusal-transition = Это действие сейчас недоступно: статус заявления изменился.
refusal-empty-message = Напишите текст сообщения.
refusal-too-many-drafts = У вас уже { $max } неотправленных черновиков. Отправьте или удалите один из них в разделе «Мои заявления», чтобы начать новое.
refusal-too-many-submissions = За последний час вы отправили { $max } заявлений — это предел. Попробуйте снова через час.
refusal-too-much = Форма отправлена с данными сверх допустимого: слишком много полей, записей или символов. Ничего не сохранено. Обновите страницу и попробуйте снова.
upload-not-a-file-field = Файл отправлен не в то поле. Обновите страницу и загрузите его снова.
upload-empty = Файл пустой. Выберите другой файл.
upload-too-large = Файл слишком большой: можно не больше { $size }.
upload-too-many = Можно загрузить не больше { $max } файлов.
upload-wrong-type = Такой файл не подходит. Подходят: { $formats }.
upload-rejected = Файл не прошёл проверку на вирусы и не принят.
upload-scan-unavailable = Файл сейчас нельзя проверить на вирусы, поэтому он не принят. Попробуйте загрузить его через несколько минут.
problem-required = Заполните это поле.
problem-must-be-checked = Отметьте, чтобы продолжить.
problem-too-short = Должно быть не меньше { $min } символов.
problem-too-long = Должно быть не больше { $max } символов.
problem-not-a-number = Введите число, например 12 или 12,5.
problem-not-a-whole-number = Введите целое число.
problem-below-min = Должно быть не меньше { $min }.
problem-above-max = Должно быть не больше { $max }.
problem-not-a-date = Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2027.
problem-date-too-early = Дата должна быть не раньше { $min }.
problem-date-too-late = Дата должна быть не позже { $max }.
problem-unknown-option = Выберите один из предложенных вариантов.
problem-bad-phone = Введите номер телефона в виде +7 900 123-45-67.
problem-bad-email = Введите адрес электронной почты в виде name@example.ru.
problem-snils-format = СНИЛС состоит из 11 цифр, например 123-456-789 64.
problem-snils-control-sum = Проверьте СНИЛС: контрольное число не совпадает.
problem-inn-format = { $digits ->
    [10] ИНН организации состоит из 10 цифр.
    [12] ИНН физического лица состоит из 12 цифр.
   *[other] ИНН состоит из 10 или 12 цифр.
}
problem-inn-control-sum = Проверьте ИНН: контрольные цифры не совпадают.
problem-ogrn-format = { $digits ->
    [13] ОГРН состоит из 13 цифр.
    [15] ОГРНИП состоит из 15 цифр.
   *[other] ОГРН состоит из 13 цифр, ОГРНИП — из 15.
}
problem-ogrn-control-sum = Проверьте ОГРН: контрольная цифра не совпадает.
problem-passport-format = Введите серию (4 цифры) и номер (6 цифр), например 4510 123456.
problem-address-too-short = Укажите адрес полностью: населённый пункт, улицу, дом.
problem-too-few-entries = Добавьте хотя бы { $min }.
problem-too-many-entries = Можно добавить не больше { $max }.
problem-too-many-files = Можно загрузить не больше { $max } файлов.
problem-file-too-large = Файл слишком большой: можно не больше { $size }.
problem-file-type = Такой файл не подходит. Подходят: { $formats }.
problem-hidden-filled = При выбранных ответах это поле не заполняется: очистите его.
problem-unknown-field = Такого поля в форме нет.
application-receipt-file = Расписка
upload-interrupted = Загрузка файла прервалась. Попробуйте ещё раз.
action-assign = Передано специалисту
refusal-already-taken = Это заявление уже взял в работу другой специалист: { $by }.
refusal-not-assignee = Заявление в работе у другого специалиста. Действовать может он или руководитель.
refusal-no-ground = Выберите основание для отказа из перечня услуги.
refusal-no-result = Приложите документ — результат услуги или выберите «Сформировать по шаблону».
refusal-head-only = Это может сделать только руководитель ведомства.

# The back office (issue 6)
office-queues = Очереди
queue-new = Новые
queue-mine = В работе у меня
queue-awaiting = Ждут ответа заявителя
queue-overdue = Просроченные
queue-decided = Решённые
office-queue-empty = В этой очереди нет заявлений.
office-next-page = Следующая страница
office-first-page = В начало очереди
office-stats-link = Показатели ведомства
office-filter-search = Номер заявления или фамилия заявителя
office-filter-department = Ведомство
office-filter-service = Услуга
office-filter-municipality = Муниципальное образование
office-filter-origin = Где подано
office-filter-from = Поступило с
office-filter-to = Поступило по
office-filter-any = Все
office-filter-apply = Показать
office-filter-reset = Сбросить фильтры
origin-regional = На региональном портале
origin-federal = На федеральном портале
office-col-number = Номер
office-col-applicant = Заявитель
office-col-service = Услуга
office-col-submitted = Поступило
office-col-deadline = Срок
office-col-status = Статус
office-col-assignee = Исполнитель
office-days-left = { $days ->
    [one] остался { $days } рабочий день
    [few] осталось { $days } рабочих дня
   *[many] осталось { $days } рабочих дней
}
office-last-day = последний день срока
office-overdue-by = { $days ->
    [one] просрочено на { $days } рабочий день
    [few] просрочено на { $days } рабочих дня
   *[many] просрочено на { $days } рабочих дней
}
office-back = К очереди заявлений
office-done-take = Заявление взято в работу.
office-done-return = Заявление возвращено в очередь.
office-done-assign = Заявление передано специалисту.
office-done-request_info = Запрос отправлен заявителю. Заявление ждёт его ответа.
office-done-approve = Решение принято, результат выдан заявителю.
office-done-refuse = Отказ оформлен, заявитель увидит основание и пояснение.
office-clock-stops = Пока заявитель готовит ответ, срок по этой услуге не течёт.
office-nobody = не назначен
office-applicant = Заявитель
office-applicant-name = ФИО
office-applicant-snils = СНИЛС
office-applicant-phone = Телефон
office-applicant-email = Электронная почта
application-from-applicant = Заявитель
office-actions = Действия
office-take = Взять в работу
office-return = Вернуть в очередь
office-assign-to = Передать специалисту
office-assign = Передать
office-request = Запросить сведения у заявителя
office-request-message = Что нужно от заявителя
office-request-missing = Недостающие документы
office-request-missing-hint = По одному документу в строке. Заявитель увидит этот перечень.
office-request-send = Отправить запрос
office-approve = Одобрить и выдать результат
office-result = Результат услуги
office-result-generate = Сформировать документ по шаблону услуги
office-result-upload = Приложить готовый документ (PDF)
office-result-file = Файл результата
office-approve-send = Одобрить
office-refuse = Отказать в предоставлении услуги
office-refuse-ground = Основание для отказа
office-refuse-comment = Пояснение для заявителя
office-refuse-send = Отказать
office-stats-title = Показатели ведомства
office-stats-unassigned = Ждут распределения
office-stats-decided = { $days ->
    [one] Решений за последний { $days } день
    [few] Решений за последние { $days } дня
   *[many] Решений за последние { $days } дней
}
office-stats-average = Средний срок рассмотрения, рабочих дней
office-stats-p90 = 90 % заявлений рассмотрены не дольше, рабочих дней
office-stats-load = Нагрузка специалистов
office-stats-overdue = Просроченные заявления по услугам
office-stats-none-overdue = Просроченных заявлений нет.
office-stats-count = Заявлений
application-refusal = Решение об отказе
application-refusal-ground = Основание и пояснение
admin-scanning-on = Загружаемые файлы проверяются антивирусом.
admin-scanning-off = Антивирусная проверка выключена: загружаемые файлы принимаются без проверки. Укажите адрес ClamAV (scanner.clamd, PORTAL_SCANNER__CLAMD).
admin-scanning-unreachable = Антивирус не отвечает: загрузка файлов отклоняется, пока он недоступен. Проверьте службу ClamAV (clamd).
admin-sections = Разделы
access-log-title = Журнал доступа к персональным данным
access-log-lead = Каждый раз, когда сотрудник ведомства открывает заявление или файл заявителя, здесь появляется запись: кто, когда, какое заявление и что именно.
access-log-empty = Записей пока нет.
access-log-when = Когда
access-log-who = Сотрудник
access-log-what = Что открыто
access-log-application = карточка заявления
access-log-file = файл «{ $name }»
access-log-older = Более ранние записи
office-notice-overdue = { $count ->
    [one] Просрочено { $count } заявление.
    [few] Просрочено { $count } заявления.
   *[many] Просрочено { $count } заявлений.
}
office-notice-show = Показать просроченные
office-notice-near = { $count ->
    [one] У { $count } заявления срок истекает в ближайшие два рабочих дня.
   *[other] У { $count } заявлений срок истекает в ближайшие два рабочих дня.
}

## Operator: exchange with the federal portal
federation-title = Обмен с федеральным порталом
federation-lead = Каждое заявление и каждое изменение его статуса отправляются на федеральный портал, чтобы заявитель видел их в личном кабинете. Сообщение, которое не удалось доставить после всех попыток, ждёт здесь: его можно отправить повторно.
federation-pending = Ожидают отправки
federation-failed = Не доставлены
federation-delivered = Доставлены
federation-oldest = Самое давнее ожидающее сообщение создано { $at }.
federation-parked = Не доставленные сообщения
federation-parked-none = Все сообщения доставлены или ещё в работе.
federation-retry-all = Отправить все повторно
federation-retry = Отправить повторно
federation-retry-one = Отправить повторно сообщение по заявлению { $number }
federation-retried = { $count ->
    [one] { $count } сообщение поставлено в очередь на отправку.
    [few] { $count } сообщения поставлены в очередь на отправку.
   *[other] { $count } сообщений поставлено в очередь на отправку.
}
federation-col-kind = Сообщение
federation-col-attempts = Попыток
federation-col-error = Последний ответ
federation-col-parked = Остановлено
federation-kind-register = Регистрация заявления
federation-kind-status = Изменение статуса
federation-kind-email = Письмо
federation-email = Письма по электронной почте
federation-email-lead = Письма заявителям и сотрудникам о событиях. Пока почтовый сервер недоступен, письма ждут; письмо, которое сервер отверг, останавливается здесь с его ответом.
federation-kind-accept = Приём заявления с федерального портала
answers-federal-form = Заявление подано на федеральном портале

## Notifications
header-notifications = Уведомления
header-notifications-label = { $count ->
    [0] Уведомления: непрочитанных нет
    [one] Уведомления: { $count } непрочитанное
    [few] Уведомления: { $count } непрочитанных
   *[other] Уведомления: { $count } непрочитанных
}
notifications-title = Уведомления
notifications-empty = Уведомлений пока нет.
notifications-unread = { $count ->
    [0] Все уведомления прочитаны.
    [one] { $count } непрочитанное уведомление.
    [few] { $count } непрочитанных уведомления.
   *[other] { $count } непрочитанных уведомлений.
}
notifications-read-all = Отметить все как прочитанные
notifications-mark-read = Прочитано
notifications-read-one = Отметить как прочитанное: { $what }
notifications-new = Новое
notice-registered = Заявление № { $number } зарегистрировано
notice-info_requested = По заявлению № { $number } нужны сведения от вас
notice-decided = По заявлению № { $number } принято решение
notice-replied = Заявитель ответил по заявлению № { $number }
notice-deadline_near = Срок по заявлению № { $number } скоро истекает
notice-deadline_overdue = Срок по заявлению № { $number } истёк
notice-federal_failing = Сообщения на федеральный портал не доставляются
profile-notifications = Уведомления по электронной почте
profile-notifications-to = Письма приходят на адрес из учётной записи Госуслуг: { $email }. Уведомления на портале приходят всегда.
profile-notifications-no-email = В учётной записи Госуслуг нет адреса электронной почты: уведомления приходят только на портал.
profile-notifications-legend = Присылать письмо, когда
profile-notifications-save = Сохранить
profile-notifications-saved = Настройки уведомлений сохранены.
email-kind-registered = заявление зарегистрировано
email-kind-info_requested = ведомство просит дополнить заявление
email-kind-decided = по заявлению принято решение
email-kind-replied = заявитель ответил на запрос
email-kind-deadline_near = срок рассмотрения скоро истекает
email-kind-deadline_overdue = срок рассмотрения истёк
email-kind-federal_failing = сообщения на федеральный портал не доставляются

## Operator: staff roles, audit trail, filters of the personal-data trail
staff-title = Сотрудники и роли
staff-lead = Роли выдаются по СНИЛС: человек получит доступ при следующем запросе к порталу, даже если ещё ни разу не входил. Отзыв действует сразу.
staff-grant-title = Выдать роль
staff-snils = СНИЛС сотрудника
staff-snils-hint = 11 цифр, например 123-456-789 64.
staff-role = Роль
staff-department = Ведомство
staff-department-hint = Обязательно для специалиста и руководителя; для оператора не указывается.
staff-department-none = — не выбрано —
staff-grant = Выдать роль
staff-list = Кто имеет роли
staff-empty = Ролей пока никому не выдано.
staff-col-name = Сотрудник
staff-col-snils = СНИЛС
staff-col-role = Роль
staff-col-department = Ведомство
staff-col-granted = Выдана
staff-not-logged-in = ещё не входил на портал
staff-by-cli = из командной строки
staff-revoke = Отозвать
staff-revoke-label = Отозвать роль «{ $role }» у { $who }
staff-done-granted = Роль выдана. Она начнёт действовать при следующем запросе сотрудника к порталу.
staff-done-already_granted = У этого сотрудника уже есть такая роль, ничего не изменилось.
staff-done-revoked = Роль отозвана. Со следующего запроса у сотрудника нет этого доступа.
staff-done-not_held = У этого сотрудника нет такой роли, ничего не изменилось.
staff-problem-bad_snils = СНИЛС указан неверно: нужно 11 цифр с правильным контрольным числом. Ничего не изменилось.
staff-problem-bad_role = Выберите роль: специалист, руководитель или оператор. Ничего не изменилось.
staff-problem-department_required = Для специалиста и руководителя выберите ведомство. Ничего не изменилось.
staff-problem-unknown_department = Такого ведомства нет в каталоге. Ничего не изменилось.
staff-problem-own_roles = Себе роли не выдают: попросите другого оператора. Ничего не изменилось.
staff-problem-last_operator = Это последняя роль оператора в регионе: без неё никто не сможет управлять порталом. Сначала выдайте роль оператора другому сотруднику.
audit-title = Журнал действий
audit-lead = Входы и выходы, отказы во входе, выдача и отзыв ролей, изменения каталога и оформления, доступ к персональным данным — новые записи сверху.
audit-filters = Отбор записей журнала
audit-filter-action = Действие
audit-filter-any = Любое
audit-filter-actor = Кто (ФИО или СНИЛС)
audit-filter-from = С даты
audit-filter-to = По дату
audit-filter-apply = Показать
audit-filter-reset = Сбросить отбор
audit-records = Записи журнала действий
audit-empty = Записей, подходящих под отбор, нет.
audit-col-when = Когда
audit-col-who = Кто
audit-col-action = Действие
audit-col-subject = Объект
audit-col-details = Подробности
audit-actor-cli = Командная строка
audit-actor-system = Система
audit-older = Более ранние записи
audit-newest = К последним записям
audit-action-login = Вход на портал
audit-action-login_failed = Отказ во входе
audit-action-logout = Выход
audit-action-logout_everywhere = Выход на всех устройствах
audit-action-role_granted = Выдана роль
audit-action-role_revoked = Отозвана роль
audit-action-personal_data_access = Доступ к персональным данным
audit-action-catalog_changed = Изменение каталога
audit-action-branding_changed = Изменение оформления
audit-change-caption = Изменения: { $kind } «{ $code }»
audit-change-none = Поля не изменились.
audit-change-field = Поле
audit-change-before = Было
audit-change-after = Стало
audit-change-absent = (нет)
audit-change-whole = (значение целиком)
access-log-filter-title = Отбор записей журнала доступа
access-log-filter-staff = Сотрудник (ФИО или СНИЛС)
access-log-filter-number = Номер заявления
access-log-filter-from = С даты
access-log-filter-to = По дату
access-log-filter-apply = Показать
access-log-filter-reset = Сбросить отбор

## Показатели для оператора (/admin/dashboard)
dash-title = Показатели перевода услуг в электронный вид
dash-lead = Сколько услуг доступно онлайн, сколько заявлений поступает, как быстро по ним принимают решения, где срок уже истёк и как идёт обмен с федеральным порталом. Под каждой диаграммой — таблица с теми же цифрами и ссылка на файл CSV.
dash-from = С
dash-to = По
dash-show = Показать
dash-period-shown = Период: с { $from } по { $to } включительно, по местному времени региона.
dash-period-problem = Не удалось показать период
dash-period-bad-from = Дата начала периода указана неверно. Введите дату в виде ДД.ММ.ГГГГ, например 01.11.2026.
dash-period-bad-to = Дата окончания периода указана неверно. Введите дату в виде ДД.ММ.ГГГГ, например 30.11.2026.
dash-period-reversed = Дата начала периода позже даты окончания. Поменяйте даты местами.
dash-period-too-long = Период не может быть длиннее 366 дней. Выберите более короткий период.
dash-csv = Скачать данные в формате CSV
dash-csv-bad-chart = Такой диаграммы нет. Откройте страницу показателей и скачайте файл по ссылке под нужной диаграммой.
dash-contents = Разделы страницы
dash-stages-title = Услуги по этапам перевода в электронный вид
dash-stages-lead = Опубликованные услуги на { $today } по этапу: 1 — информация, 2 — бланки, 3 — подача заявления онлайн, 4 — статус онлайн, 5 — результат онлайн.
dash-priority-figure = Приоритетные услуги на этапе 3 и выше
dash-priority-online = { $online } из { $total }
dash-legend-priority = Приоритетные услуги
dash-legend-other = Остальные услуги
dash-col-stage = Этап
dash-col-services = Все опубликованные услуги
dash-col-priority = Приоритетные услуги
dash-stage-row = { $stage ->
    [1] 1. { stage-1 }
    [2] 2. { stage-2 }
    [3] 3. { stage-3 }
    [4] 4. { stage-4 }
   *[5] 5. { stage-5 }
}
dash-total = Всего
dash-applications-title = Заявления по дням и услугам
dash-applications-lead = { $count ->
    [one] За период подано { $count } заявление
    [few] За период подано { $count } заявления
   *[other] За период подано { $count } заявлений
} на портале и через федеральный портал, включая отозванные позднее. На диаграмме отдельно показаны четыре услуги с наибольшим числом заявлений, остальные сложены вместе; в файле CSV каждая услуга — отдельный столбец.
dash-other-services = Другие услуги
dash-col-day = День
dash-processing-title = Сроки рассмотрения заявлений
dash-processing-lead = { $count ->
    [one] За период принято { $count } решение
    [few] За период принято { $count } решения
   *[other] За период принято { $count } решений
} (одобрение или отказ). Срок считается в рабочих днях по производственному календарю региона: от дня подачи заявления до дня решения, день подачи не считается.
dash-col-working-days = Рабочих дней до решения
dash-col-decided = Решений
dash-bucket-zero = В день подачи
dash-bucket-range = { $min }–{ $max } { $max ->
    [one] рабочий день
    [few] рабочих дня
   *[other] рабочих дней
}
dash-bucket-open = { $min } { $min ->
    [one] рабочий день
    [few] рабочих дня
   *[other] рабочих дней
} и больше
dash-overdue-title = Просроченные заявления по ведомствам
dash-overdue-lead = На { $today } нерассмотренных заявлений с истёкшим сроком: { $count }. Просроченным считается то же, что во вкладке «Просроченные» рабочего места специалиста: заявление ещё не решено и не отозвано, а срок рассмотрения прошёл до сегодняшнего дня.
dash-overdue-none = Сейчас нет нерассмотренных заявлений.
dash-col-department = Ведомство
dash-col-open = Нерассмотренных
dash-col-overdue = Из них просрочено
dash-delivery-title = Обмен с федеральным порталом
dash-delivery-lead = Сообщения о заявлениях и их статусах для федерального портала на текущий момент: сколько доставлено, сколько ждут отправки и сколько отложено после всех попыток.
dash-delivery-more = Отложенные сообщения и повторная отправка
dash-col-state = Состояние
dash-col-messages = Сообщений
dash-delivery-delivered = Доставлены
dash-delivery-pending = Ждут отправки
dash-delivery-failed = Не доставлены, отложены

## Catalog editor and branding (operator)
admin-catalog-title = Редактор каталога
admin-catalog-lead = Ведомства, категории, жизненные ситуации, муниципалитеты и услуги региона. Изменения видны гражданам сразу после сохранения.
admin-branding-title = Оформление портала
admin-branding-lead = Название региона, цвета, контакты поддержки, ссылки в подвале и герб. Применяются без перезапуска.
admin-export = Скачать пакет региона (ZIP)
admin-add = Добавить
admin-kind-service = Услуга
admin-kind-service-plural = Услуги
admin-kind-department = Ведомство
admin-kind-department-plural = Ведомства
admin-kind-category = Категория
admin-kind-category-plural = Категории
admin-kind-life_situation = Жизненная ситуация
admin-kind-life_situation-plural = Жизненные ситуации
admin-kind-municipality = Муниципалитет
admin-kind-municipality-plural = Муниципалитеты
admin-col-title = Название
admin-col-code = Код
admin-col-state = Состояние
admin-col-actions = Действия
admin-published = Опубликовано
admin-unpublished = Снято с публикации
admin-publish = Опубликовать
admin-unpublish = Снять с публикации
admin-saved = Изменения сохранены.
admin-save = Сохранить
admin-problems = { $count ->
    [one] Найдена { $count } ошибка. Исправьте её и сохраните снова.
    [few] Найдено { $count } ошибки. Исправьте их и сохраните снова.
   *[other] Найдено { $count } ошибок. Исправьте их и сохраните снова.
}
admin-problem-text-missing = Заполните это поле.
admin-problem-code = Код: от 1 до 64 символов, только строчные латинские буквы, цифры, «-» и «_».
admin-problem-code-taken = Такой код уже занят (возможно, записью, снятой с публикации).
admin-problem-number = Укажите целое число больше нуля.
admin-problem-choose = Выберите значение из списка.
admin-problem-email = Укажите адрес электронной почты, например info@example.ru.
admin-problem-link = Ссылка должна начинаться с https:// или с / (страница портала).
admin-problem-colour = Укажите цвет в виде #1f4e8c.
admin-problem-coat-type = Герб должен быть файлом SVG или PNG.
admin-problem-blank = Бланк не загружен: заполните название на всех языках и выберите файл PDF, ODT, ODS, DOCX, XLSX, RTF или DOC.
admin-problem-blank-name-taken = Файл с таким именем уже есть у другой услуги. Переименуйте файл и загрузите снова.
admin-problem-pack = Нарушено правило каталога
admin-problem-refused = Изменение не сохранено: оно нарушило бы правила каталога (например, услуга ссылалась бы на снятое с публикации ведомство или категорию).
admin-problem-conflict = Пока страница была открыта, каталог изменил кто-то другой. Ничего не сохранено: обновите страницу и повторите изменение.
admin-problem-in-use = Нельзя снять с публикации: на запись ссылаются опубликованные услуги. Сначала измените или снимите их.
admin-problem-schema = Форма не опубликована: в ней есть ошибки (список справа). Текст сохранён как черновик.
admin-problem-too-long = Текст формы слишком длинный (больше 256 КБ).
admin-lang-ru = по-русски
admin-lang-en = по-английски
admin-field-code = Код (часть адреса страницы)
admin-field-title = Название
admin-field-name = Название
admin-field-summary = Краткое описание
admin-field-address = Почтовый адрес
admin-field-phone = Телефон
admin-field-email = Электронная почта
admin-field-hours = Часы приёма
admin-field-website = Сайт
admin-field-category = Категория
admin-field-department = Ведомство
admin-field-life_situations = Жизненные ситуации
admin-field-municipalities = Муниципалитеты (если ни один не выбран — весь регион)
admin-field-applicants = Кто может обратиться
admin-field-documents = Необходимые документы
admin-field-interagency = Ведомство запрашивает сам (межведомственный запрос)
admin-field-fee = Стоимость
admin-field-term_days = Срок предоставления, рабочих дней
admin-field-result = Результат
admin-field-refusal_grounds = Основания для отказа
admin-field-legal_basis = Нормативные правовые акты
admin-field-channels = Способы подачи
admin-field-stage = Этап перевода в электронный вид
admin-field-priority = Приоритетная услуга
admin-field-assurance = Учётная запись, нужная для подачи онлайн
admin-field-pause_while_awaiting = Срок приостанавливается, пока заявитель дополняет заявление
admin-field-file = Файл
admin-assurance-any = Любая
admin-assurance-simplified = Упрощённая
admin-assurance-standard = Стандартная
admin-assurance-confirmed = Подтверждённая
admin-choose = — выберите —
admin-channel-online = На портале
admin-channel-office = В ведомстве
admin-channel-mfc = В МФЦ
admin-channel-post = Почтой
admin-row = Строка { $n }
admin-rows-hint = Пустые строки не сохраняются. Чтобы добавить больше строк, сохраните — появятся новые пустые.
admin-blanks = Бланки для скачивания
admin-blanks-none = У услуги пока нет бланков.
admin-blank-upload = Загрузить или заменить бланк
admin-blank-hint = Файл с тем же именем заменит прежний. Допустимы PDF, ODT, ODS, DOCX, XLSX, RTF и DOC до 20 МБ.
admin-blank-title = Название бланка
admin-blank-file = Файл бланка
admin-upload = Загрузить
admin-remove = Убрать
admin-online-form = Онлайн-форма заявления
admin-online-form-yes = У услуги есть онлайн-форма.
admin-online-form-no = Онлайн-формы пока нет.
admin-online-form-edit = Редактировать онлайн-форму
admin-form-title = Онлайн-форма: { $service }
admin-form-lead = Форма описывается в JSON (шаги, поля, правила). Справа — проверка и то, как форму увидит гражданин. Опубликованная форма становится новой версией: она действует для новых заявлений, поданные ранее сохраняют свою.
admin-form-version = Действующая версия: { $version }.
admin-form-draft = Показан ваш черновик.
admin-form-schema = Описание формы (JSON)
admin-form-save = Сохранить черновик
admin-form-publish = Опубликовать новую версию
admin-form-valid = Ошибок нет: форму можно публиковать.
admin-form-preview = Как увидит гражданин
admin-region-name = Название региона
admin-colour-hint = Белый текст на основном цвете и ссылки акцентного цвета должны читаться: контраст с белым не ниже 4,5:1 (WCAG 2.1 AA).
admin-colour-primary = Основной цвет (шапка, кнопки)
admin-colour-accent = Акцентный цвет (ссылки)
admin-links = Ссылки в подвале сайта
admin-link = Ссылка { $n }
admin-link-url = Адрес ссылки
admin-coat = Новый герб (SVG или PNG, необязательно)
admin-coat-current = Текущий герб

# Открытый API для ведомственных систем (/api/v1) и его клиенты.
api-problem-unauthorized = Нет аутентификации
api-problem-unauthorized-detail = Передайте ключ клиента API в заголовке «Authorization: Bearer <ключ>». Ключ неизвестен или отозван.
api-problem-forbidden = Нет прав
api-problem-forbidden-detail = Этому клиенту это действие не разрешено.
api-problem-scope = У ключа этого клиента нет права «{ $scope }».
api-problem-not-found = Не найдено
api-problem-not-found-detail = В ведомстве этого клиента нет такого заявления или файла.
api-problem-bad-request = Запрос не прочитан
api-problem-bad-request-detail = Запрос не удалось прочитать.
api-problem-json-expected = Тело запроса должно быть в формате JSON (Content-Type: application/json).
api-problem-bad-json = Тело запроса JSON не соответствует описанию
api-problem-cursor = Такой курсор этот API не выдавал.
api-problem-unprocessable = Действие невозможно
api-problem-unprocessable-detail = Запрос прочитан, но выполнить его в таком виде нельзя.
api-problem-question-too-long = Сообщение — не длиннее 4000 символов; в запросе не более 20 документов, каждый не длиннее 200 символов.
api-problem-conflict = Заявление уже изменилось
api-problem-conflict-detail = Статус или исполнитель заявления изменились; прочитайте его заново.
api-problem-too-many-requests = Слишком много запросов
api-problem-too-many-requests-detail = Достигнут предел частоты запросов; повторите через время из заголовка Retry-After.
api-problem-too-large = Слишком большой запрос
api-problem-too-large-detail = Запрос содержит больше, чем принимает эта операция.
api-problem-unavailable = Временно недоступно
api-problem-unavailable-detail = Портал сейчас не может ответить; ничего не изменено. Повторите позже.
api-reference-title = API для ведомственных систем
api-reference-intro = Собственные системы ведомств получают заявления с портала и возвращают решения через этот API: очередь ведомства, заявления с ответами и файлами, взятие в работу, запросы заявителю, одобрение с документом-результатом и отказ. Версия 1 никогда не меняется несовместимо.
api-reference-json = Документ OpenAPI 3.1 (JSON)
api-reference-auth = Аутентификация
api-reference-auth-text = Оператор портала регистрирует клиента для одного ведомства с правами (read, work, decide) и однократно передаёт ведомству его ключ. Каждый запрос передаёт его в заголовке «Authorization: Bearer <ключ>». Клиент действует как сотрудник своего ведомства: заявления других ведомств ему не видны, каждое чтение персональных данных записывается.
api-reference-operations = Операции
api-reference-scope = Право
api-reference-responses = Ответы
api-reference-status = Код
api-reference-meaning = Значение
api-reference-problems = Ошибки
api-reference-problems-text = Каждая ошибка — документ problem (RFC 9457, application/problem+json); его «type» — один из перечисленных и не меняется, «title» и «detail» — на языке из Accept-Language.
api-scope-read = read: очередь, заявления и их файлы
api-scope-work = work: взять в работу, вернуть в очередь, запросить у заявителя
api-scope-decide = decide: одобрить с документом-результатом, отказать
api-clients-title = Ведомственные системы (API)
api-clients-lead = Собственная система ведомства работает с его заявлениями через API по ключу, зарегистрированному здесь. Каждый клиент видит только заявления своего ведомства; каждое чтение записывается, как у сотрудника.
api-clients-register-title = Зарегистрировать систему
api-clients-name = Название
api-clients-name-hint = Например, название системы ведомства и кто её ведёт.
api-clients-department = Ведомство
api-clients-scopes = Что ей разрешено
api-clients-register = Зарегистрировать и показать ключ
api-clients-list = Зарегистрированные системы
api-clients-empty = Пока не зарегистрировано ни одной системы.
api-clients-col-name = Система
api-clients-col-department = Ведомство
api-clients-col-scopes = Разрешено
api-clients-col-used = Последний запрос
api-clients-never-used = не было
api-clients-revoke = Отозвать
api-clients-revoke-label = Отозвать ключ системы { $name }
api-clients-revoked = отозван
api-clients-done-revoked = Ключ отозван и больше не действует.
api-clients-done-registered = Система «{ $name }» зарегистрирована.
api-clients-key-title = Ключ системы
api-clients-key = Ключ
api-clients-key-once = Скопируйте его сейчас и надёжно передайте ведомству: он показывается только один раз и не восстанавливается. Потерянный ключ отзывают и регистрируют новый.
api-clients-key-usage = Система передаёт его с каждым запросом в заголовке «Authorization: Bearer <ключ>».
api-clients-problem-name = Укажите название системы от 1 до 100 символов.
api-clients-problem-department = Выберите ведомство из списка.
api-clients-problem-no-scope = Отметьте хотя бы одно действие, разрешённое системе.
api-clients-problem-webhook-url = Адрес вебхука должен начинаться с https://, вести за пределы внутренней сети портала (внутренние адреса — только если их разрешает конфигурация), быть не длиннее 500 символов и без логина и пароля.
api-clients-col-webhook = Вебхук
api-clients-done-webhook-removed = Вебхук удалён: события этой системе больше не отправляются.

# Вебхуки ведомственных систем (/admin/api-clients, /admin/webhooks).
webhooks-none = не задан
webhooks-url = Адрес вебхука системы «{ $name }»
webhooks-set = Задать адрес
webhooks-change = Сменить адрес и секрет
webhooks-remove = Удалить вебхук
webhooks-remove-label = Удалить вебхук системы «{ $name }»
webhooks-done-set = Вебхук задан: о новых заявлениях, ответах заявителей и сменах статуса ведомства система узнает по этому адресу.
webhooks-secret = Секрет подписи
webhooks-secret-once = Скопируйте его сейчас и надёжно передайте ведомству: он показывается только один раз. Чтобы получить новый, задайте адрес заново.
webhooks-secret-usage = Каждая доставка подписана по схеме Standard Webhooks: заголовки webhook-id, webhook-timestamp и webhook-signature (HMAC-SHA256 этим секретом). Система проверяет подпись, прежде чем верить доставке, и получает заявление через API.
webhooks-title = Доставки вебхуков
webhooks-lead = Последние 100 событий, отправленных ведомственным системам. Недоставленные повторяются с нарастающей паузой; после последней попытки доставка останавливается, и её можно отправить снова.
webhooks-empty = Доставок пока не было.
webhooks-list = Последние доставки
webhooks-col-when = Когда
webhooks-col-system = Система
webhooks-col-event = Событие
webhooks-col-number = Заявление
webhooks-col-state = Состояние
webhooks-col-attempts = Попыток
webhooks-replay = Отправить снова
webhooks-replay-label = Отправить снова: { $what }
webhooks-done-replayed = Доставка поставлена в очередь и скоро будет отправлена снова.
webhook-event-registered = новое заявление
webhook-event-replied = ответ заявителя
webhook-event-status-changed = смена статуса
webhook-state-pending = ожидает отправки
webhook-state-delivered = доставлено
webhook-state-failed = не доставлено

# Статус по номеру, без входа (/status).
status-check-title = Статус заявления по номеру
status-check-lead = Введите регистрационный номер и код из расписки, чтобы узнать, на каком этапе заявление. Ничего другого о заявлении и заявителе не показывается.
status-check-number-hint = Например, 99-2026-000123
status-check-code-hint = Восемь букв и цифр из расписки, например ABCD-EFGH
status-check-submit = Показать статус
status-check-not-found = Заявления с таким номером и кодом нет. Сверьте оба с распиской.
status-check-updated = Последнее изменение
status-check-login = Подавали сами? Войдите, чтобы увидеть всё о заявлении:
status-check-login-link = мои заявления
application-status-code = Код проверки статуса
application-status-code-where = проверить без входа

# Открытые данные (/opendata).
opendata-title = Открытые данные
opendata-lead = Каталог услуг портала и сводные показатели по заявлениям — для всех, кто хочет их использовать. Персональных данных в наборах нет.
opendata-licence = Наборы публикуются на условиях лицензии { $licence }: их можно свободно использовать, в том числе в коммерческих целях, указывая источник — этот портал.
opendata-formats = JSON содержит тексты на всех языках портала и описан JSON-схемой; CSV (разделитель — запятая, кодировка UTF-8) содержит тексты на основном языке региона и описан структурой набора.
opendata-services = Услуги и их паспорта
opendata-services-lead = Опубликованные услуги: ведомство, заявители, документы, сроки, плата, результат, основания для отказа, способы подачи и этап перевода в электронный вид.
opendata-departments = Ведомства
opendata-departments-lead = Органы власти, предоставляющие услуги, и их контакты.
opendata-municipalities = Муниципальные образования
opendata-municipalities-lead = Муниципальные образования региона, на которые ссылаются услуги.
opendata-figures = Заявления по услугам и месяцам
opendata-figures-lead = Сколько заявлений подано по каждой услуге за месяц, какая доля подана в электронном виде, по скольким принято решение и сколько в среднем длилось рассмотрение.
opendata-json = JSON
opendata-csv = CSV
opendata-schema = JSON-схема
opendata-structure = Структура набора (CSV)
opendata-dictionary = Описание полей набора «{ $dataset }»
opendata-col-field = Поле
opendata-col-format = Формат
opendata-col-description = Описание
opendata-field-services-code = Код услуги
opendata-field-services-title = Наименование услуги
opendata-field-services-summary = Краткое описание
opendata-field-services-category = Код категории
opendata-field-services-department = Код ответственного ведомства (набор departments)
opendata-field-services-municipalities = Коды муниципальных образований; пусто — весь регион
opendata-field-services-applicants = Круг заявителей
opendata-field-services-documents = Необходимые документы
opendata-field-services-interagency-documents = Документы, запрашиваемые ведомством самостоятельно
opendata-field-services-fee = Государственная пошлина или плата
opendata-field-services-term-days = Срок предоставления, рабочих дней
opendata-field-services-result = Результат предоставления
opendata-field-services-refusal-grounds = Основания для отказа
opendata-field-services-legal-basis = Нормативные правовые акты
opendata-field-services-channels = Способы подачи: online, office, mfc, post
opendata-field-services-stage = Этап перевода в электронный вид (1–5), заявленный регионом
opendata-field-services-priority = Первоочередная услуга
opendata-field-services-online = Заявление можно подать на портале
opendata-field-services-url = Паспорт услуги на портале
opendata-field-departments-code = Код ведомства
opendata-field-departments-name = Наименование
opendata-field-departments-address = Почтовый адрес
opendata-field-departments-phone = Телефон
opendata-field-departments-email = Адрес электронной почты
opendata-field-departments-hours = Часы приёма
opendata-field-departments-website = Сайт
opendata-field-municipalities-code = Код муниципального образования
opendata-field-municipalities-name = Наименование
opendata-field-figures-service = Код услуги (набор services)
opendata-field-figures-month = Месяц подачи, ГГГГ-ММ
opendata-field-figures-applications = Подано заявлений
opendata-field-figures-filed-online = Из них подано в электронном виде
opendata-field-figures-online-share = Доля поданных в электронном виде, от 0 до 1
opendata-field-figures-decided = Из них по ним принято решение
opendata-field-figures-mean-processing-days = Среднее время от подачи до решения, календарных дней

# Обмен с федеральным реестром услуг (/admin/catalog, /admin/register).
register-title = Федеральный реестр услуг
register-lead = Паспорта опубликованных услуг в структуре федерального реестра государственных и муниципальных услуг (ФРГУ), на русском языке. Выгрузите их для реестра или загрузите файл из реестра: каждая услуга с тем же кодом получит сведения из него.
register-download = Скачать паспорта услуг (XML)
register-file = Файл из реестра (XML)
register-upload = Загрузить и обновить паспорта
register-no-file = Выберите файл из реестра.
register-import-title = Загрузка из федерального реестра
register-updated = { $count ->
    [one] Обновлён { $count } паспорт услуги:
    [few] Обновлено { $count } паспорта услуг:
   *[other] Обновлено паспортов услуг: { $count }.
}
register-unchanged = Без изменений: { $count }.
register-unknown = Услуг с такими кодами нет в каталоге (пропущены)
register-translate = Тексты изменились только на русском языке — проверьте переводы
register-problem-unreadable = Файл не прочитан: это не XML в структуре реестра или он слишком велик. Ничего не изменено.
register-problem-language = Файл не на языке реестра (нужен русский). Ничего не изменено.
register-problem-passport = Паспорт услуги заполнен неверно. Ничего не изменено.
register-problem-authority = Паспорт называет ведомство, которого нет в каталоге. Ничего не изменено.
register-problem-pack = После загрузки каталог нарушил бы свои правила. Ничего не изменено.
register-problem-conflict = Каталог только что изменил кто-то другой. Загрузите файл ещё раз.
register-passport-register-id = «{ $value }» — не реестровый номер (от 1 до 20 цифр)
register-passport-empty = не заполнено: { $value }
register-passport-term = срок должен быть не меньше 1 рабочего дня (unit="working-days")
register-passport-stage = этап перевода в электронный вид должен быть от 1 до 5
register-passport-channel = неизвестный способ подачи «{ $value }» (возможны portal, authority, mfc, post)
register-passport-source = неизвестный источник документа «{ $value }» (возможны applicant, interagency)
register-problem-region = Файл выгружен для другого региона. Ничего не изменено.
register-problem-repeated = В файле дважды встречается паспорт одной услуги. Ничего не изменено.
webhook-problem-answered = система ответила { $status }
webhook-problem-unreached = система недоступна
webhook-problem-removed = вебхук удалён или система отозвана
webhook-problem-other = временная ошибка портала
