//! The message table: every word the widget shows, in English and Russian. One struct, so a
//! language that misses a message does not compile. Placeholders are `{name}`, filled by
//! [`super::fill`]; counts pick their form through [`super::Locale::plural`].

use crate::core::export::{Column, ExportText};
use crate::core::fields::CardField;
use crate::core::model::EnrollmentType;
use crate::core::related::CompletionStatus;
use crate::core::status::{CertificateState, Status};

/// The forms of a counted message (CLDR plural categories; English uses `one` and `other`).
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    /// 1, 21, 31… in Russian; 1 in English.
    pub one: &'static str,
    /// 2–4, 22–24… in Russian.
    pub few: &'static str,
    /// 0, 5–20, 25–30… in Russian.
    pub many: &'static str,
    /// Everything else (fractions in Russian; everything but 1 in English).
    pub other: &'static str,
}

impl Plural {
    /// The same text for every count.
    const fn same(text: &'static str) -> Plural {
        Plural {
            one: text,
            few: text,
            many: text,
            other: text,
        }
    }

    /// English: singular for 1, plural otherwise.
    const fn en(one: &'static str, other: &'static str) -> Plural {
        Plural {
            one,
            few: other,
            many: other,
            other,
        }
    }
}

/// Every message, for one language.
#[derive(Debug)]
pub struct Messages {
    /// The widget's landmark and list name.
    pub enrollments: &'static str,
    /// Search box label.
    pub search_label: &'static str,
    /// Search box placeholder.
    pub search_placeholder: &'static str,
    /// Filter group names: status, certificate, type, completion.
    pub group_status: &'static str,
    /// Certificate chips' group.
    pub group_certificate: &'static str,
    /// Type chips' group.
    pub group_type: &'static str,
    /// Completion chips' group.
    pub group_completion: &'static str,
    /// Status labels, in [`crate::core::status::Status::ALL`] order.
    pub statuses: [&'static str; 5],
    /// Certificate states on chips and badges, in `CertificateState::ALL` order.
    pub certificates: [&'static str; 4],
    /// Certificate states in a file column (shorter), same order.
    pub certificate_values: [&'static str; 4],
    /// Enrollment types, in `EnrollmentType::ALL` order.
    pub types: [&'static str; 2],
    /// Completion statuses, in `CompletionStatus::ALL` order, then "Unknown".
    pub completions: [&'static str; 10],
    /// The completion chip for enrollments without a result.
    pub no_result: &'static str,
    /// Date range legends.
    pub range_due: &'static str,
    /// Access range legend.
    pub range_access: &'static str,
    /// "{range} from" (hidden label of a range's first input).
    pub range_from_label: &'static str,
    /// "{range} to".
    pub range_to_label: &'static str,
    /// "Sort by".
    pub sort_by: &'static str,
    /// Sort keys, in `SortKey::ALL` order.
    pub sort_keys: [&'static str; 8],
    /// Sort direction button.
    pub ascending: &'static str,
    /// Sort direction button, pressed.
    pub descending: &'static str,
    /// Picker buttons: courses, learners, departments.
    pub pickers: [&'static str; 3],
    /// Picker search boxes.
    pub picker_find: [&'static str; 3],
    /// "{n} more: type to narrow the list".
    pub picker_more: Plural,
    /// "{shown} of {total} enrollments" (the form follows `total`).
    pub count: Plural,
    /// "Loaded {n} enrollments…".
    pub loaded: Plural,
    /// "The LMS did not answer; trying again ({attempt} of {of})…".
    pub retrying: &'static str,
    /// "Resolving names… {known} of {total}".
    pub resolving: &'static str,
    /// Before the list of parts that could not be resolved.
    pub details_missing: &'static str,
    /// Parts: names, course titles, progress, departments (`EnrichPart` order).
    pub parts: [&'static str; 4],
    /// "{part}: this token may not read them (403)".
    pub part_forbidden: &'static str,
    /// "{part}: some could not be loaded".
    pub part_partial: &'static str,
    /// "{part}: the LMS did not answer".
    pub part_failed: &'static str,
    /// "{n} repeated records merged…".
    pub duplicates: Plural,
    /// The active filters' list.
    pub active_filters: &'static str,
    /// "Remove filter {label}".
    pub remove_filter: &'static str,
    /// "Clear filters".
    pub clear_filters: &'static str,
    /// Active-filter chips: "Search: “{text}”".
    pub chip_search: &'static str,
    /// "Course {name}".
    pub chip_course: &'static str,
    /// "Learner {name}".
    pub chip_learner: &'static str,
    /// "Department {name}".
    pub chip_department: &'static str,
    /// "Due {range}".
    pub chip_due: &'static str,
    /// "Access {range}".
    pub chip_access: &'static str,
    /// "{from} – {to}".
    pub range_between: &'static str,
    /// "from {from}".
    pub range_since: &'static str,
    /// "until {to}".
    pub range_until: &'static str,
    /// Waiting for a token.
    pub waiting_title: &'static str,
    /// Waiting for a token, explained.
    pub waiting_text: &'static str,
    /// The skeleton's label.
    pub loading: &'static str,
    /// "Could not load enrollments".
    pub error_title: &'static str,
    /// "Could not load enrollments (HTTP {status})".
    pub error_title_status: &'static str,
    /// "Showing the {n} enrollments loaded before the error…".
    pub error_partial: Plural,
    /// "Retry".
    pub retry: &'static str,
    /// No enrollments at all.
    pub empty_title: &'static str,
    /// No enrollments at all, explained.
    pub empty_text: &'static str,
    /// Nothing matches.
    pub no_match_title: &'static str,
    /// A card's accessible name: "{name} in {title}: {status}".
    pub card_label: &'static str,
    /// Card field labels, in `CardField::ALL` order (the field picker's names too).
    pub fields: [&'static str; 10],
    /// "No due date".
    pub no_due_date: &'static str,
    /// "Stays open".
    pub stays_open: &'static str,
    /// "Locks after {date}".
    pub locks_after: &'static str,
    /// "Locked since {date}".
    pub locked_since: &'static str,
    /// No certificate.
    pub no_certificate: &'static str,
    /// "Issued {date}".
    pub issued_on: &'static str,
    /// Issued, date unknown.
    pub issued: &'static str,
    /// "expires {date}".
    pub expires_on: &'static str,
    /// "never expires".
    pub never_expires: &'static str,
    /// "completed {date}".
    pub completed_on: &'static str,
    /// "score {score}".
    pub score: &'static str,
    /// Hints: "starts {when}".
    pub hint_starts: &'static str,
    /// "due today".
    pub hint_due_today: &'static str,
    /// "due {when}".
    pub hint_due: &'static str,
    /// "overdue by {n} days".
    pub hint_overdue: Plural,
    /// "locked {when}".
    pub hint_locked: &'static str,
    /// "expires today".
    pub hint_expires_today: &'static str,
    /// "expires {when}".
    pub hint_expires: &'static str,
    /// "expired {when}".
    pub hint_expired: &'static str,
    /// Errors by HTTP status: 400, 401, 403, 404, 429.
    pub http: [&'static str; 5],
    /// 5xx: "… (HTTP {status}) …".
    pub http_server: &'static str,
    /// Any other status.
    pub http_other: &'static str,
    /// " The LMS said: “{message}” (code {code})."
    pub service_said: &'static str,
    /// No answer at all.
    pub network: &'static str,
    /// "… within {seconds} seconds …".
    pub timeout: &'static str,
    /// A newer request replaced this one.
    pub aborted: &'static str,
    /// "… ({bytes} bytes, limit {limit}) …".
    pub too_large: &'static str,
    /// "The LMS answer could not be read: {detail}" (the detail is the parser's, in English).
    pub unreadable: &'static str,
    /// "Could not obtain an access token from the host page: {reason}".
    pub token_unavailable: &'static str,
    /// The reason without a token or a provider.
    pub token_no_provider: &'static str,
    /// The reason when the provider gave an empty token or no text.
    pub token_empty: &'static str,
    /// The reason when the provider failed without a message.
    pub token_failed: &'static str,
    /// "… (after {pages} pages) …".
    pub paging_loop: &'static str,
    /// "… more than {pages} pages …".
    pub too_many_pages: &'static str,
    /// The token has a control character.
    pub token_control: &'static str,
    /// The token is not ASCII.
    pub token_not_ascii: &'static str,
    /// The scheme is not one word.
    pub token_scheme: &'static str,
    /// "Export CSV".
    pub export: &'static str,
    /// "Exporting… {percent}%".
    pub exporting: &'static str,
    /// Column headers of the exported file, in `Column::ALL` order.
    pub columns: [&'static str; 21],
    /// "yes" / "no" in the file.
    pub yes_no: [&'static str; 2],
    /// The field picker's button.
    pub fields_button: &'static str,
    /// "Move {field} up".
    pub move_up: &'static str,
    /// "Move {field} down".
    pub move_down: &'static str,
    /// "Show {field}" (the field's checkbox).
    pub show_field: &'static str,
    /// "Select {card}" (a card's checkbox).
    pub select_card: &'static str,
    /// "Select all {n} matching".
    pub select_all: Plural,
    /// "{n} selected".
    pub selected: Plural,
    /// "Clear selection".
    pub clear_selection: &'static str,
    /// The folded filter bar's button: "Filters".
    pub filters: &'static str,
    /// "Filters ({n} active)".
    pub filters_active: &'static str,
    /// Printed header: "Filters: {list}".
    pub print_filters: &'static str,
    /// Printed header without filters.
    pub print_no_filters: &'static str,
    /// "Printed {date}".
    pub print_date: &'static str,
    /// "Only the first {n} of {total} are printed…".
    pub print_cap: &'static str,
}

/// English.
pub static EN: Messages = Messages {
    enrollments: "Enrollments",
    search_label: "Search enrollments",
    search_placeholder: "Search by name, course, department or ID",
    group_status: "Status",
    group_certificate: "Certificate",
    group_type: "Type",
    group_completion: "Completion",
    statuses: ["Upcoming", "Active", "Due soon", "Overdue", "Locked"],
    certificates: ["Certificate valid", "Certificate expiring", "Certificate expired", "No certificate"],
    certificate_values: ["Valid", "Expiring", "Expired", "None"],
    types: ["Assigned by an administrator", "Added from the catalog"],
    completions: [
        "Not started",
        "In progress",
        "Pending review",
        "Complete",
        "Passed",
        "Accepted",
        "Incomplete",
        "Failed",
        "Declined",
        "Unknown",
    ],
    no_result: "No result yet",
    range_due: "Due",
    range_access: "Access",
    range_from_label: "{range} from",
    range_to_label: "{range} to",
    sort_by: "Sort by",
    sort_keys: [
        "As loaded",
        "Due date",
        "Access date",
        "Course title",
        "Learner name",
        "Status",
        "Progress",
        "Completion date",
    ],
    ascending: "Ascending ↑",
    descending: "Descending ↓",
    pickers: ["Courses", "Learners", "Departments"],
    picker_find: ["Find course", "Find learner", "Find department"],
    picker_more: Plural::same("{n} more: type to narrow the list"),
    count: Plural::en("{shown} of {total} enrollment", "{shown} of {total} enrollments"),
    loaded: Plural::en("Loaded {n} enrollment…", "Loaded {n} enrollments…"),
    retrying: "The LMS did not answer; trying again ({attempt} of {of})…",
    resolving: "Resolving names… {known} of {total}",
    details_missing: "Showing IDs where details are missing.",
    parts: ["names", "course titles", "progress", "departments"],
    part_forbidden: "{part}: this token may not read them (403)",
    part_partial: "{part}: some could not be loaded",
    part_failed: "{part}: the LMS did not answer",
    duplicates: Plural::en(
        "{n} repeated record merged (the LMS sent some enrollments twice; each is shown once)",
        "{n} repeated records merged (the LMS sent some enrollments twice; each is shown once)",
    ),
    active_filters: "Active filters",
    remove_filter: "Remove filter {label}",
    clear_filters: "Clear filters",
    chip_search: "Search: “{text}”",
    chip_course: "Course {name}",
    chip_learner: "Learner {name}",
    chip_department: "Department {name}",
    chip_due: "Due {range}",
    chip_access: "Access {range}",
    range_between: "{from} – {to}",
    range_since: "from {from}",
    range_until: "until {to}",
    waiting_title: "Waiting for credentials",
    waiting_text: "Enrollments load as soon as the page passes this widget an access token.",
    loading: "Loading enrollments",
    error_title: "Could not load enrollments",
    error_title_status: "Could not load enrollments (HTTP {status})",
    error_partial: Plural::en(
        "Showing the {n} enrollment loaded before the error; the list is incomplete.",
        "Showing the {n} enrollments loaded before the error; the list is incomplete.",
    ),
    retry: "Retry",
    empty_title: "No enrollments yet",
    empty_text: "This account (or the learners and courses this widget is limited to) has no enrollments.",
    no_match_title: "No enrollment matches these filters",
    card_label: "{name} in {title}: {status}",
    fields: [
        "Course",
        "Learner",
        "E-mail and department",
        "Progress",
        "Due",
        "Access",
        "Lock",
        "Type",
        "Certificate",
        "IDs",
    ],
    no_due_date: "No due date",
    stays_open: "Stays open",
    locks_after: "Locks after {date}",
    locked_since: "Locked since {date}",
    no_certificate: "None",
    issued_on: "Issued {date}",
    issued: "Issued",
    expires_on: "expires {date}",
    never_expires: "never expires",
    completed_on: "completed {date}",
    score: "score {score}",
    hint_starts: "starts {when}",
    hint_due_today: "due today",
    hint_due: "due {when}",
    hint_overdue: Plural::en("overdue by {n} day", "overdue by {n} days"),
    hint_locked: "locked {when}",
    hint_expires_today: "expires today",
    hint_expires: "expires {when}",
    hint_expired: "expired {when}",
    http: [
        "The LMS rejected the request (400 Bad Request). Check the learner and course IDs in the widget's settings.",
        "Your session has expired or the access token is not valid (401). Sign in again to refresh it.",
        "Your role cannot list enrollments for these learners or courses (403). Ask an account administrator for access.",
        "The enrollment API was not found at this address (404). Check the widget's endpoint setting.",
        "The LMS is receiving too many requests (429). Wait a moment and try again.",
    ],
    http_server: "The LMS is having trouble right now (HTTP {status}). Try again in a moment.",
    http_other: "The LMS answered with an unexpected status (HTTP {status}).",
    service_said: " The LMS said: “{message}” (code {code}).",
    network: "The LMS could not be reached. Check the network connection. If the API is on another origin, the host page must serve it through its own origin (a reverse proxy): the LMS does not allow cross-origin calls from browsers.",
    timeout: "The LMS did not answer within {seconds} seconds. Try again; if it keeps happening, the service may be overloaded.",
    aborted: "The request was cancelled because a newer one replaced it.",
    too_large: "The LMS answer is too large to load here ({bytes} bytes, limit {limit}). Use the paged mode or narrow the learner and course filters.",
    unreadable: "The LMS answer could not be read: {detail}",
    token_unavailable: "Could not obtain an access token from the host page: {reason}",
    token_no_provider: "no token and no token provider were given",
    token_empty: "the token provider returned no token",
    token_failed: "the token provider failed",
    paging_loop: "The LMS sent a page token it had already sent (after {pages} pages), so its pages run in a circle; loading stopped. The enrollments loaded so far are shown.",
    too_many_pages: "The LMS answer has more than {pages} pages; loading stopped there. Narrow the learner and course filters, use a larger page size, or raise the page limit.",
    token_control: "The access token contains a line break or another control character, so it cannot be sent. The host page (or its token provider) must pass the token exactly, without extra lines.",
    token_not_ascii: "The access token contains a character that is not plain ASCII (such as a typographic quote or a non-breaking space), so it cannot be sent. Copy the token again from its source.",
    token_scheme: "The authorization scheme must be a single word such as “Bearer”.",
    export: "Export CSV",
    exporting: "Exporting… {percent}%",
    columns: [
        "Enrollment ID",
        "Course ID",
        "Course title",
        "Learner ID",
        "Learner name",
        "E-mail",
        "Department",
        "Status",
        "Certificate",
        "Type",
        "Access date",
        "Due date",
        "Expiration date",
        "Locks after due date",
        "Certificate ID",
        "Certificate issued",
        "Certificate expires",
        "Completion",
        "Progress (%)",
        "Score",
        "Completed on",
    ],
    yes_no: ["yes", "no"],
    fields_button: "Fields",
    move_up: "Move {field} up",
    move_down: "Move {field} down",
    show_field: "Show {field}",
    select_card: "Select {card}",
    select_all: Plural::en("Select the {n} matching", "Select all {n} matching"),
    selected: Plural::same("{n} selected"),
    clear_selection: "Clear selection",
    filters: "Filters",
    filters_active: "Filters ({n} active)",
    print_filters: "Filters: {list}",
    print_no_filters: "No filters",
    print_date: "Printed {date}",
    print_cap: "Only the first {n} of {total} enrollments are printed. Narrow the filters or export a CSV file for the rest.",
};

/// Russian.
pub static RU: Messages = Messages {
    enrollments: "Зачисления",
    search_label: "Поиск зачислений",
    search_placeholder: "Поиск по имени, курсу, отделу или ID",
    group_status: "Статус",
    group_certificate: "Сертификат",
    group_type: "Тип",
    group_completion: "Прохождение",
    statuses: ["Предстоит", "Активно", "Скоро срок", "Просрочено", "Заблокировано"],
    certificates: ["Сертификат действует", "Сертификат истекает", "Сертификат истёк", "Без сертификата"],
    certificate_values: ["Действует", "Истекает", "Истёк", "Нет"],
    types: ["Назначено администратором", "Добавлено из каталога"],
    completions: [
        "Не начат",
        "В процессе",
        "На проверке",
        "Завершён",
        "Сдан",
        "Принят",
        "Не завершён",
        "Не сдан",
        "Отклонён",
        "Неизвестно",
    ],
    no_result: "Результата пока нет",
    range_due: "Срок",
    range_access: "Доступ",
    range_from_label: "{range}: с",
    range_to_label: "{range}: по",
    sort_by: "Сортировка",
    sort_keys: [
        "Как загружено",
        "Срок",
        "Дата доступа",
        "Название курса",
        "Имя слушателя",
        "Статус",
        "Прогресс",
        "Дата завершения",
    ],
    ascending: "По возрастанию ↑",
    descending: "По убыванию ↓",
    pickers: ["Курсы", "Слушатели", "Отделы"],
    picker_find: ["Найти курс", "Найти слушателя", "Найти отдел"],
    picker_more: Plural::same("Ещё {n}: уточните поиск"),
    count: Plural {
        one: "{shown} из {total} зачисления",
        few: "{shown} из {total} зачислений",
        many: "{shown} из {total} зачислений",
        other: "{shown} из {total} зачисления",
    },
    loaded: Plural {
        one: "Загружено {n} зачисление…",
        few: "Загружено {n} зачисления…",
        many: "Загружено {n} зачислений…",
        other: "Загружено {n} зачисления…",
    },
    retrying: "LMS не ответила; повторная попытка ({attempt} из {of})…",
    resolving: "Загрузка имён… {known} из {total}",
    details_missing: "Где сведений нет, показаны ID.",
    parts: ["имена", "названия курсов", "прогресс", "отделы"],
    part_forbidden: "{part}: этот токен не даёт доступа (403)",
    part_partial: "{part}: загружены не все",
    part_failed: "{part}: LMS не ответила",
    duplicates: Plural {
        one: "{n} повторная запись объединена (LMS прислала некоторые зачисления дважды; каждое показано один раз)",
        few: "{n} повторные записи объединены (LMS прислала некоторые зачисления дважды; каждое показано один раз)",
        many: "{n} повторных записей объединено (LMS прислала некоторые зачисления дважды; каждое показано один раз)",
        other: "{n} повторной записи объединено (LMS прислала некоторые зачисления дважды; каждое показано один раз)",
    },
    active_filters: "Активные фильтры",
    remove_filter: "Убрать фильтр {label}",
    clear_filters: "Сбросить фильтры",
    chip_search: "Поиск: «{text}»",
    chip_course: "Курс {name}",
    chip_learner: "Слушатель {name}",
    chip_department: "Отдел {name}",
    chip_due: "Срок {range}",
    chip_access: "Доступ {range}",
    range_between: "{from} – {to}",
    range_since: "с {from}",
    range_until: "по {to}",
    waiting_title: "Ожидание учётных данных",
    waiting_text: "Зачисления загрузятся, как только страница передаст виджету токен доступа.",
    loading: "Загрузка зачислений",
    error_title: "Не удалось загрузить зачисления",
    error_title_status: "Не удалось загрузить зачисления (HTTP {status})",
    error_partial: Plural {
        one: "Показано {n} зачисление, загруженное до ошибки; список неполный.",
        few: "Показаны {n} зачисления, загруженные до ошибки; список неполный.",
        many: "Показано {n} зачислений, загруженных до ошибки; список неполный.",
        other: "Показано {n} зачисления, загруженного до ошибки; список неполный.",
    },
    retry: "Повторить",
    empty_title: "Зачислений пока нет",
    empty_text: "В этом аккаунте (или у слушателей и курсов, которыми ограничен виджет) нет зачислений.",
    no_match_title: "Ни одно зачисление не подходит под фильтры",
    card_label: "{name}, {title}: {status}",
    fields: [
        "Курс",
        "Слушатель",
        "Эл. почта и отдел",
        "Прогресс",
        "Срок",
        "Доступ",
        "Блокировка",
        "Тип",
        "Сертификат",
        "ID",
    ],
    no_due_date: "Без срока",
    stays_open: "Не блокируется",
    locks_after: "Блокируется после {date}",
    locked_since: "Заблокировано с {date}",
    no_certificate: "Нет",
    issued_on: "Выдан {date}",
    issued: "Выдан",
    expires_on: "действует до {date}",
    never_expires: "бессрочный",
    completed_on: "завершён {date}",
    score: "балл {score}",
    hint_starts: "начало {when}",
    hint_due_today: "срок сегодня",
    hint_due: "срок {when}",
    hint_overdue: Plural {
        one: "просрочено на {n} день",
        few: "просрочено на {n} дня",
        many: "просрочено на {n} дней",
        other: "просрочено на {n} дня",
    },
    hint_locked: "заблокировано {when}",
    hint_expires_today: "истекает сегодня",
    hint_expires: "истекает {when}",
    hint_expired: "истёк {when}",
    http: [
        "LMS отклонила запрос (400 Bad Request). Проверьте ID слушателей и курсов в настройках виджета.",
        "Сеанс истёк или токен доступа недействителен (401). Войдите снова, чтобы обновить его.",
        "Ваша роль не позволяет просматривать зачисления этих слушателей или курсов (403). Обратитесь к администратору аккаунта.",
        "API зачислений по этому адресу не найден (404). Проверьте настройку endpoint виджета.",
        "LMS получает слишком много запросов (429). Подождите немного и повторите.",
    ],
    http_server: "У LMS сейчас неполадки (HTTP {status}). Повторите через минуту.",
    http_other: "LMS ответила неожиданным статусом (HTTP {status}).",
    service_said: " Сообщение LMS: «{message}» (код {code}).",
    network: "Не удалось связаться с LMS. Проверьте подключение к сети. Если API находится на другом источнике (origin), страница должна отдавать его через свой источник (обратный прокси): LMS не разрешает браузерам запросы с других источников.",
    timeout: "LMS не ответила за {seconds} с. Повторите; если это повторяется, сервис может быть перегружен.",
    aborted: "Запрос отменён: его заменил более новый.",
    too_large: "Ответ LMS слишком велик для загрузки здесь ({bytes} байт, предел {limit}). Включите постраничный режим или сузьте фильтры слушателей и курсов.",
    unreadable: "Не удалось прочитать ответ LMS: {detail}",
    token_unavailable: "Не удалось получить токен доступа от страницы: {reason}",
    token_no_provider: "не передан ни токен, ни поставщик токена",
    token_empty: "поставщик токена не вернул токен",
    token_failed: "поставщик токена завершился с ошибкой",
    paging_loop: "LMS повторно прислала уже полученный токен страницы (после {pages} стр.), страницы идут по кругу; загрузка остановлена. Показаны уже загруженные зачисления.",
    too_many_pages: "В ответе LMS больше {pages} стр.; загрузка остановлена. Сузьте фильтры слушателей и курсов, увеличьте размер страницы или поднимите предел страниц.",
    token_control: "Токен доступа содержит перевод строки или другой управляющий символ, поэтому его нельзя отправить. Страница (или её поставщик токена) должна передавать токен точно, без лишних строк.",
    token_not_ascii: "Токен доступа содержит символ не из ASCII (например, типографскую кавычку или неразрывный пробел), поэтому его нельзя отправить. Скопируйте токен из источника ещё раз.",
    token_scheme: "Схема авторизации должна быть одним словом, например «Bearer».",
    export: "Экспорт CSV",
    exporting: "Экспорт… {percent}%",
    columns: [
        "ID зачисления",
        "ID курса",
        "Название курса",
        "ID слушателя",
        "Имя слушателя",
        "Эл. почта",
        "Отдел",
        "Статус",
        "Сертификат",
        "Тип",
        "Дата доступа",
        "Срок",
        "Дата окончания доступа",
        "Блокировать после срока",
        "ID сертификата",
        "Сертификат выдан",
        "Сертификат истекает",
        "Прохождение",
        "Прогресс (%)",
        "Балл",
        "Дата завершения",
    ],
    yes_no: ["да", "нет"],
    fields_button: "Поля",
    move_up: "Переместить «{field}» выше",
    move_down: "Переместить «{field}» ниже",
    show_field: "Показывать «{field}»",
    select_card: "Выбрать: {card}",
    select_all: Plural::same("Выбрать все совпадения ({n})"),
    selected: Plural::same("Выбрано: {n}"),
    clear_selection: "Снять выбор",
    filters: "Фильтры",
    filters_active: "Фильтры (активно: {n})",
    print_filters: "Фильтры: {list}",
    print_no_filters: "Без фильтров",
    print_date: "Напечатано {date}",
    print_cap: "Напечатаны только первые {n} из {total} зачислений. Сузьте фильтры или экспортируйте CSV-файл для остальных.",
};

impl Messages {
    /// A status's label.
    pub fn status(&self, status: Status) -> &'static str {
        self.statuses[status as usize]
    }

    /// A certificate state's label (chips and badges).
    pub fn certificate(&self, state: CertificateState) -> &'static str {
        self.certificates[state as usize]
    }

    /// An enrollment type's label.
    pub fn kind(&self, kind: EnrollmentType) -> &'static str {
        self.types[kind as usize]
    }

    /// A completion status's label.
    pub fn completion(&self, status: CompletionStatus) -> &'static str {
        let index = CompletionStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(CompletionStatus::ALL.len());
        self.completions.get(index).copied().unwrap_or_default()
    }

    /// A card field's name.
    pub fn field(&self, field: CardField) -> &'static str {
        self.fields[field as usize]
    }
}

/// The exported file's words come from the same table.
impl ExportText for Messages {
    fn header(&self, column: Column) -> &str {
        let index = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
        self.columns.get(index).copied().unwrap_or_default()
    }

    fn status(&self, status: Status) -> &str {
        Messages::status(self, status)
    }

    fn certificate(&self, state: CertificateState) -> &str {
        self.certificate_values[state as usize]
    }

    fn enrollment_type(&self, kind: EnrollmentType) -> &str {
        self.kind(kind)
    }

    fn completion(&self, status: CompletionStatus) -> &str {
        Messages::completion(self, status)
    }

    fn yes_no(&self, yes: bool) -> &str {
        self.yes_no[usize::from(!yes)]
    }
}
