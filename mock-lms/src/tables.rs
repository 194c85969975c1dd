//! The fixed word lists the generator draws from: people's names by culture, the department
//! tree with job titles, course titles.

/// A name as written, and the ASCII form e-mail addresses and logins are made from.
pub type Name = (&'static str, &'static str);

/// Given and family names that go together (same culture; same grammatical gender where the
/// family name has one, as Russian ones do).
#[derive(Debug)]
pub struct Culture {
    /// `FIRST_NAME` values.
    pub given: &'static [Name],
    /// `LAST_NAME` values.
    pub family: &'static [Name],
}

/// The cultures learners' names come from. The first learners of an account take them in this
/// order, each with its first given and family name, so that even the smallest account (8
/// learners) has Cyrillic, a hyphen, CJK, accented Latin, an apostrophe, Polish and Vietnamese
/// letters and an umlaut.
pub const CULTURES: [Culture; 18] = [
    Culture {
        given: &[
            ("Анна", "anna"),
            ("Алёна", "alyona"),
            ("Мария", "maria"),
            ("Ольга", "olga"),
            ("Екатерина", "ekaterina"),
            ("Наталья", "natalya"),
            ("Юлия", "yulia"),
            ("Светлана", "svetlana"),
        ],
        family: &[
            ("Петрова", "petrova"),
            ("Смирнова", "smirnova"),
            ("Кузнецова", "kuznetsova"),
            ("Соловьёва", "solovyova"),
            ("Фёдорова", "fedorova"),
            ("Волкова", "volkova"),
            ("Лебедева", "lebedeva"),
            ("Морозова", "morozova"),
        ],
    },
    Culture {
        given: &[
            ("Oliver", "oliver"),
            ("Charlotte", "charlotte"),
            ("Harry", "harry"),
            ("Amelia", "amelia"),
            ("George", "george"),
            ("Isla", "isla"),
        ],
        family: &[
            ("Smith-Jones", "smith-jones"),
            ("Taylor", "taylor"),
            ("Fox-Pitt", "fox-pitt"),
            ("Brown", "brown"),
            ("Wilson", "wilson"),
            ("Hughes-Hallett", "hughes-hallett"),
            ("Evans", "evans"),
        ],
    },
    Culture {
        given: &[
            ("芳", "fang"),
            ("伟", "wei"),
            ("娜", "na"),
            ("秀英", "xiuying"),
            ("敏", "min"),
            ("静", "jing"),
            ("强", "qiang"),
            ("磊", "lei"),
        ],
        family: &[
            ("王", "wang"),
            ("李", "li"),
            ("张", "zhang"),
            ("刘", "liu"),
            ("陈", "chen"),
            ("杨", "yang"),
            ("黄", "huang"),
            ("赵", "zhao"),
        ],
    },
    Culture {
        given: &[
            ("José", "jose"),
            ("María", "maria"),
            ("Iñaki", "inaki"),
            ("Sofía", "sofia"),
            ("Tomás", "tomas"),
            ("Lucía", "lucia"),
            ("Begoña", "begona"),
            ("Andrés", "andres"),
        ],
        family: &[
            ("Núñez", "nunez"),
            ("García", "garcia"),
            ("Peña", "pena"),
            ("Muñoz", "munoz"),
            ("Fernández-Ortiz", "fernandez-ortiz"),
            ("Ibáñez", "ibanez"),
            ("López", "lopez"),
            ("Martín", "martin"),
        ],
    },
    Culture {
        given: &[
            ("Siobhán", "siobhan"),
            ("Seán", "sean"),
            ("Aoife", "aoife"),
            ("Niamh", "niamh"),
            ("Ciarán", "ciaran"),
            ("Pádraig", "padraig"),
        ],
        family: &[
            ("O'Brien", "obrien"),
            ("O'Connor", "oconnor"),
            ("Murphy", "murphy"),
            ("O'Sullivan", "osullivan"),
            ("McCarthy", "mccarthy"),
            ("Walsh", "walsh"),
        ],
    },
    Culture {
        given: &[
            ("Łukasz", "lukasz"),
            ("Małgorzata", "malgorzata"),
            ("Paweł", "pawel"),
            ("Agnieszka", "agnieszka"),
            ("Grzegorz", "grzegorz"),
            ("Zofia", "zofia"),
            ("Wojciech", "wojciech"),
        ],
        family: &[
            ("Wójcik", "wojcik"),
            ("Nowak", "nowak"),
            ("Woźniak", "wozniak"),
            ("Kaczmarek", "kaczmarek"),
            ("Mazur", "mazur"),
            ("Król", "krol"),
            ("Zając", "zajac"),
        ],
    },
    Culture {
        given: &[
            ("Minh Anh", "minhanh"),
            ("Thu Hà", "thuha"),
            ("Quốc Bảo", "quocbao"),
            ("Văn Đức", "vanduc"),
            ("Ngọc Lan", "ngoclan"),
            ("Hữu Phước", "huuphuoc"),
        ],
        family: &[
            ("Nguyễn", "nguyen"),
            ("Trần", "tran"),
            ("Lê", "le"),
            ("Phạm", "pham"),
            ("Hoàng", "hoang"),
            ("Đặng", "dang"),
        ],
    },
    Culture {
        given: &[
            ("Jürgen", "juergen"),
            ("Anneliese", "anneliese"),
            ("Björn", "bjoern"),
            ("Käthe", "kaethe"),
            ("Lukas", "lukas"),
            ("Jörg", "joerg"),
            ("Friederike", "friederike"),
        ],
        family: &[
            ("Müller", "mueller"),
            ("Schäfer", "schaefer"),
            ("Groß", "gross"),
            ("Köhler", "koehler"),
            ("Weiß", "weiss"),
            ("Becker-Schmidt", "becker-schmidt"),
            ("Hoffmann", "hoffmann"),
        ],
    },
    Culture {
        given: &[
            ("Дмитрий", "dmitry"),
            ("Сергей", "sergey"),
            ("Алексей", "alexey"),
            ("Пётр", "pyotr"),
            ("Артём", "artyom"),
            ("Иван", "ivan"),
        ],
        family: &[
            ("Соколов", "sokolov"),
            ("Петров", "petrov"),
            ("Кузнецов", "kuznetsov"),
            ("Соловьёв", "solovyov"),
            ("Фёдоров", "fedorov"),
            ("Новиков", "novikov"),
        ],
    },
    Culture {
        given: &[
            ("Chloé", "chloe"),
            ("François", "francois"),
            ("Hélène", "helene"),
            ("Benoît", "benoit"),
            ("Zoé", "zoe"),
            ("Jean-Luc", "jean-luc"),
            ("Marie-Claire", "marie-claire"),
        ],
        family: &[
            ("Lefèvre", "lefevre"),
            ("Dubois", "dubois"),
            ("D'Arcy", "darcy"),
            ("Fontaine", "fontaine"),
            ("Béranger", "beranger"),
            ("Saint-Clair", "saint-clair"),
        ],
    },
    Culture {
        given: &[
            ("花子", "hanako"),
            ("翔太", "shota"),
            ("美咲", "misaki"),
            ("健", "ken"),
            ("陽菜", "hina"),
            ("大輔", "daisuke"),
        ],
        family: &[
            ("佐藤", "sato"),
            ("鈴木", "suzuki"),
            ("高橋", "takahashi"),
            ("田中", "tanaka"),
            ("渡辺", "watanabe"),
            ("伊藤", "ito"),
        ],
    },
    Culture {
        given: &[
            ("Ayşe", "ayse"),
            ("Gökhan", "gokhan"),
            ("İlker", "ilker"),
            ("Çağla", "cagla"),
            ("Emre", "emre"),
            ("Zeynep", "zeynep"),
        ],
        family: &[
            ("Yılmaz", "yilmaz"),
            ("Çelik", "celik"),
            ("Şahin", "sahin"),
            ("Öztürk", "ozturk"),
            ("Doğan", "dogan"),
            ("Kaya", "kaya"),
        ],
    },
    Culture {
        given: &[
            ("Νίκος", "nikos"),
            ("Γιώργος", "giorgos"),
            ("Δημήτρης", "dimitris"),
            ("Κώστας", "kostas"),
        ],
        family: &[
            ("Παπαδόπουλος", "papadopoulos"),
            ("Οικονόμου", "oikonomou"),
            ("Γεωργίου", "georgiou"),
            ("Βασιλείου", "vasileiou"),
            ("Νικολάου", "nikolaou"),
        ],
    },
    Culture {
        given: &[
            ("Fatima", "fatima"),
            ("Omar", "omar"),
            ("Layla", "layla"),
            ("Youssef", "youssef"),
            ("Nour", "nour"),
            ("Karim", "karim"),
        ],
        family: &[
            ("Al-Hassan", "al-hassan"),
            ("El-Amin", "el-amin"),
            ("Haddad", "haddad"),
            ("Mansour", "mansour"),
            ("Al-Farsi", "al-farsi"),
            ("Khoury", "khoury"),
        ],
    },
    Culture {
        given: &[
            ("Søren", "soren"),
            ("Åsa", "asa"),
            ("Bjørn", "bjorn"),
            ("Ingrid", "ingrid"),
            ("Mikkel", "mikkel"),
            ("Sigríður", "sigridur"),
        ],
        family: &[
            ("Østergaard", "ostergaard"),
            ("Lindqvist", "lindqvist"),
            ("Jørgensen", "jorgensen"),
            ("Ångström", "angstrom"),
            ("Halvorsen", "halvorsen"),
            ("Nyström", "nystrom"),
        ],
    },
    Culture {
        given: &[
            ("Priya", "priya"),
            ("Arjun", "arjun"),
            ("Ananya", "ananya"),
            ("Rohan", "rohan"),
            ("Kavya", "kavya"),
            ("Vikram", "vikram"),
        ],
        family: &[
            ("Sharma", "sharma"),
            ("Iyer", "iyer"),
            ("Patel", "patel"),
            ("Reddy", "reddy"),
            ("Gupta", "gupta"),
            ("Nair", "nair"),
        ],
    },
    Culture {
        given: &[
            ("Kwame", "kwame"),
            ("Amara", "amara"),
            ("Chukwuemeka", "chukwuemeka"),
            ("Adaeze", "adaeze"),
            ("Kofi", "kofi"),
            ("Ngozi", "ngozi"),
        ],
        family: &[
            ("Mensah", "mensah"),
            ("Okafor", "okafor"),
            ("Adeyemi", "adeyemi"),
            ("Boateng", "boateng"),
            ("Okonkwo", "okonkwo"),
            ("Asante", "asante"),
        ],
    },
    Culture {
        given: &[
            ("서연", "seoyeon"),
            ("민준", "minjun"),
            ("지우", "jiwoo"),
            ("하준", "hajun"),
            ("수아", "sua"),
        ],
        family: &[
            ("김", "kim"),
            ("이", "lee"),
            ("박", "park"),
            ("최", "choi"),
            ("정", "jung"),
        ],
    },
];

/// A top-level department: its name, the job titles of its people, and its units, each with
/// its teams (so the tree is three levels deep everywhere).
#[derive(Debug)]
pub struct Division {
    /// `name` of the root department.
    pub name: &'static str,
    /// `JOB_TITLE` values of the people in it.
    pub job_titles: &'static [&'static str],
    /// Second-level departments, each with its third-level ones.
    pub units: &'static [(&'static str, &'static [&'static str])],
}

/// The department tree. Some names repeat in other branches ("EMEA", "Americas", "Dublin"), as
/// they do in real accounts: a name alone does not identify a department.
pub const DIVISIONS: [Division; 6] = [
    Division {
        name: "Sales",
        job_titles: &[
            "Account Executive",
            "Sales Manager",
            "Key Account Manager",
            "Менеджер по продажам",
            "Vertriebsleiterin",
            "Ejecutivo de ventas",
        ],
        units: &[
            ("EMEA", &["Berlin", "London", "Madrid"]),
            ("Americas", &["New York", "São Paulo"]),
            ("APAC", &["Singapore", "東京"]),
        ],
    },
    Division {
        name: "Operations",
        job_titles: &[
            "Warehouse Associate",
            "Forklift Operator",
            "Shift Supervisor",
            "Logistics Coordinator",
            "Кладовщик",
            "Produktionsmitarbeiter",
        ],
        units: &[
            ("Logistics", &["Rotterdam Warehouse", "Склад «Москва-Юг»"]),
            ("Manufacturing", &["Werk München", "Plant Kraków"]),
        ],
    },
    Division {
        name: "Engineering",
        job_titles: &[
            "Software Engineer",
            "Senior Software Engineer",
            "QA Engineer",
            "Site Reliability Engineer",
            "R&D Engineer",
            "Ingénieure logiciel",
        ],
        units: &[
            ("Platform", &["Core Services", "Data & Analytics"]),
            ("Product", &["Mobile", "Web"]),
        ],
    },
    Division {
        name: "Human Resources",
        job_titles: &[
            "HR Business Partner",
            "Recruiter",
            "Payroll Specialist",
            "Learning & Development Lead",
            "Специалист по кадрам",
        ],
        units: &[
            ("Talent Acquisition", &["Campus Hiring", "Executive Search"]),
            ("People Operations", &["Payroll", "Learning & Development"]),
        ],
    },
    Division {
        name: "Finance",
        job_titles: &[
            "Financial Analyst",
            "Accountant",
            "Controller",
            "Treasury Analyst",
            "Buchhalterin",
        ],
        units: &[
            ("Accounting", &["Accounts Payable", "Accounts Receivable"]),
            ("Treasury", &["Zürich", "Dublin"]),
        ],
    },
    Division {
        name: "Customer Service",
        job_titles: &[
            "Customer Support Specialist",
            "Team Lead, Customer Care",
            "Support Agent (Tier 2)",
            "Специалист службы поддержки",
            "Agente de atención al cliente",
        ],
        units: &[
            ("EMEA", &["Dublin", "Warszawa"]),
            ("Americas", &["Toronto", "Ciudad de México"]),
        ],
    },
];

/// Course titles; accounts with more courses repeat them with " (2)", " (3)", … appended.
/// "Fire Safety <Level 2>" tests escaping (other crates' tests look for it in `/contents`).
pub const COURSE_TITLES: [&str; 16] = [
    "Workplace Safety Essentials",
    "Охрана труда",
    "Datenschutz-Grundlagen",
    "Information Security Awareness",
    "Anti-Bribery & Corruption",
    "Fire Safety 2026",
    "Prévention des risques psychosociaux",
    "Customer Service Excellence",
    "Fire Safety <Level 2>",
    "情報セキュリティ基礎",
    "Code of Conduct 2026",
    "Seguridad en el almacén",
    "Leading Remote Teams",
    "Первая помощь на рабочем месте",
    "Onboarding: Welcome to the Company",
    "Anti-Money Laundering",
];

/// [`COURSE_TITLES`] in Russian, entry for entry (what `/contents` and `courseTitle` answer
/// for `X-Target-Locale: ru…`). Titles already in Russian stay as they are; the others are
/// translated, all different from one another, and "<Level 2>" keeps its brackets for the
/// escaping tests.
pub const COURSE_TITLES_RU: [&str; COURSE_TITLES.len()] = [
    "Основы безопасности на рабочем месте",
    "Охрана труда",
    "Основы защиты персональных данных",
    "Осведомлённость в области информационной безопасности",
    "Противодействие взяточничеству и коррупции",
    "Пожарная безопасность 2026",
    "Профилактика психосоциальных рисков",
    "Безупречное обслуживание клиентов",
    "Пожарная безопасность <Уровень 2>",
    "Основы информационной безопасности",
    "Кодекс делового поведения 2026",
    "Безопасность на складе",
    "Управление удалёнными командами",
    "Первая помощь на рабочем месте",
    "Адаптация: добро пожаловать в компанию",
    "Противодействие отмыванию денежных средств",
];
