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
