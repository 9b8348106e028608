//! A newsroom-scale reference table, generated deterministically: about 5,000 people from
//! more than thirty naming traditions, with their titles over time, organisations, places,
//! events and laws, as a real desk's table would hold them.
//!
//! The name lists are common given and family names of each tradition, written here by hand.
//! On top of the random people come the "anchors": the people the newsroom articles
//! (`tests/newsroom/articles/`) write about, and the awkward real-world cases a desk's table
//! always has — people whose names are common words (Will, Grace, Hope, Young, King, May,
//! Rose, Long, Park, Bach), family names shared by hundreds (Nguyễn, Kim, Smith, Wang,
//! Müller, Singh), one-word names, names that are also places (Jordan, Georgia, Paris,
//! Washington), surnames that are titles (Major, Judge, Bishop, Marshall), two people with
//! exactly the same name, and titles that are ordinary words (General, Judge, Coach).
//!
//! Nothing here is tuned to what copydesk does: the table is what a desk would keep.

#![allow(dead_code)]

use std::collections::HashSet;

use copydesk::table::{
    Date, Entity, Event, HeldTitle, Law, LawKind, NameOrder, NameParts, Person, ReferencePart,
    Source, SourceRef, Table, TitleKind, TitleWord,
};

/// SplitMix64: small, deterministic, good enough to shuffle names.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// How a tradition puts a name together.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Family name, (middle,) given name: Nguyễn Thị Mai, Wang Jianguo, Park Min-jun.
    FamilyFirst,
    /// Given name, (middle,) family name: Anna Kowalska, Omar bin Khalid al-Rashid.
    GivenFirst,
    /// Given name and two family names: María José García Márquez.
    SpanishDouble,
    /// One name only: Wahyudi.
    Single,
    /// Several names, none a family name: Kyaw Min Htun (Myanmar).
    Syllables,
    /// Given name and a patronymic (Icelandic): Guðrún Jónsdóttir.
    Patronymic,
}

/// A naming tradition: lists of common names, written as space-separated words (`_` stands
/// for a space inside one name, `/` separates a family name's male and female forms).
struct Tradition {
    countries: &'static [&'static str],
    shape: Shape,
    /// The part later references use, when it is not the default (family; given for VN).
    reference: Option<ReferencePart>,
    male: &'static str,
    female: &'static str,
    family: &'static str,
    /// Middle names, and how often (percent) a person has one.
    middle: (&'static str, u64),
    /// How many of the ~5,000 random people come from this tradition.
    weight: usize,
}

const TRADITIONS: &[Tradition] = &[
    // Vietnamese: family, middle, given; later references use the given name.
    Tradition {
        countries: &["VN"],
        shape: Shape::FamilyFirst,
        reference: None,
        male: "Anh Bình Cường Dũng Đức Hải Hiếu Hòa Hùng Huy Khánh Khoa Lâm Long Minh Nam Nghĩa Phong Phúc Quang Quân Sơn Tâm Thắng Thành Toàn Trung Tuấn Việt Vinh",
        female: "An Chi Dung Giang Hà Hạ Hằng Hạnh Hoa Hồng Hương Hường Lan Liên Linh Loan Mai My Nga Ngân Ngọc Nhung Oanh Phương Quyên Thảo Thủy Trang Uyên Vân Yến",
        family: "Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Trần Trần Trần Lê Lê Lê Phạm Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lương Mai Tạ Đoàn Vương",
        middle: (
            "Văn Văn Thị Thị Hữu Đức Minh Thanh Quốc Ngọc Xuân Thu Hồng Kim Công Đình Quang Thế Bảo Gia Hoàng Mạnh Tuấn Diệu",
            100,
        ),
        weight: 420,
    },
    // Chinese (pinyin): family, given; later references use the family name.
    Tradition {
        countries: &["CN", "CN", "CN", "SG"],
        shape: Shape::FamilyFirst,
        reference: None,
        male: "Wei Jun Lei Yang Ming Hao Bin Gang Jian Qiang Jianguo Zhiqiang Guoqing Haitao Xiaodong Yong Peng Tao Chao Dong Hui Kai Liang Yi Zhong Jianhua Wenbo Zhiwei Dawei Tianyu",
        female: "Fang Jing Li Na Xiu Hua Yan Ying Min Jie Hong Lihua Xiaoyan Haiyan Meiling Yuqing Xiaomei Jiayi Ruolan Shuang Ting Xin Yue Lan Qing Wenjing Huifang Lijuan Mei Zhen",
        family: "Wang Wang Wang Wang Li Li Li Li Zhang Zhang Zhang Liu Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Fan Fang Jin Qian Dai",
        middle: ("", 0),
        weight: 420,
    },
    // Taiwanese and Hong Kong romanisations, hyphenated given names.
    Tradition {
        countries: &["TW", "HK"],
        shape: Shape::FamilyFirst,
        reference: None,
        male: "Ching-te Wen-che Kuo-liang Chih-ming Chun-hung Ka-ming Wai-keung Chi-wai Kwok-wing Tsz-hin Yu-ting Shih-chieh",
        female: "Ing-wen Mei-ling Hsiao-wei Shu-fen Ya-ting Pui-yee Wing-sze Man-yee Siu-ling Hui-chen Chia-hui Yi-hsuan",
        family: "Chen Lin Huang Chang Lee Wang Wu Liu Tsai Yang Hsu Cheng Hsieh Lai Ko Chan Wong Leung Cheung Lau Ho Tang Yip Chow Ng Kwok Tse",
        middle: ("", 0),
        weight: 120,
    },
    // Korean: family, hyphenated given; later references use the family name.
    Tradition {
        countries: &["KR"],
        shape: Shape::FamilyFirst,
        reference: None,
        male: "Min-jun Seo-jun Do-yoon Ji-hoon Hyun-woo Jae-sung Sung-min Dong-hyun Young-ho Jin-woo Tae-yang Joon-ho Sang-woo Kyung-soo Woo-jin Jae-hyun Seung-hoon Hyun-jun Chang-min Byung-chul",
        female: "Seo-yeon Ji-woo Ha-eun Soo-jin Eun-ji Hye-jin Min-seo Ji-yeon Yu-na So-young Mi-kyung Hyo-jin Da-eun Eun-young Jung-ah Su-bin Yeon-woo Hye-won Ji-min Na-yeon",
        family: "Kim Kim Kim Kim Kim Kim Kim Lee Lee Lee Lee Lee Park Park Park Choi Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Noh Ha Do Ryu Chung",
        middle: ("", 0),
        weight: 320,
    },
    // Japanese, in the given-first order English papers use, with macrons.
    Tradition {
        countries: &["JP"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Hiroshi Takeshi Kenji Ryōta Shōta Haruto Tarō Naoki Daisuke Jun Ken Kazuo Makoto Satoshi Shigeru Yūki Kōji Yōsuke Tetsuya Masahiro Shūji Kōichi Akira Yoshihiko Kenta",
        female: "Yūko Akiko Yui Sakura Kyōko Emi Yōko Mai Haruka Naomi Keiko Tomoko Yumi Aiko Mariko Sayaka Chihiro Misaki Rie Noriko Kaori Ayumi Shōko Yūka Hana",
        family: "Satō Suzuki Takahashi Tanaka Watanabe Itō Yamamoto Nakamura Kobayashi Katō Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Ōno Kōno Saitō Mori Ikeda Hashimoto Ishikawa Ogawa Fujita Okada Gotō Hasegawa Murakami Kondō Ishii Sakamoto Endō Aoki Fujii Nishimura Fukuda Ōta Miura Okamoto Matsuda Nakajima Ōshima Kudō Honda Ueda",
        middle: ("", 0),
        weight: 380,
    },
    // Thai: given, family; later references use the given name.
    Tradition {
        countries: &["TH"],
        shape: Shape::GivenFirst,
        reference: Some(ReferencePart::Given),
        male: "Somchai Prayut Srettha Anutin Chaiwat Kittisak Nattapong Supachai Thanakorn Pichai Surasak Wisut Arthit Chatchai Prasert Sakda Thaksin Weerasak Jurin Parit",
        female: "Paetongtarn Siriporn Wanida Pornthip Apinya Kanokwan Ratana Sukanya Nattaya Pimchanok Duangjai Kannika Orathai Rungnapa Sasithorn",
        family: "Wongsawat Chaiyaporn Srisuk Rattanakorn Charoenpol Boonyarat Phromsuk Saengthong Jaidee Thongdee Chansiri Kittikun Sukprasert Wattana Pongpanich Siriwat Thammasat Chutima Limthongkul Suwannarat Chanthawong Intharasuk",
        middle: ("", 0),
        weight: 150,
    },
    // Indonesian one-word names.
    Tradition {
        countries: &["ID"],
        shape: Shape::Single,
        reference: None,
        male: "Suharyanto Sutrisno Wiranto Budiono Suparman Wahyudi Hartono Mulyadi Darmawan Setiawan Kurniawan Haryanto Santoso Purnomo Hidayat Suryadi Bambang Joko Slamet Agus Sugiarto Triyono Sunarto Gunawan Subianto Sudarsono Supriyadi Priyanto Riyanto Heriyanto",
        female: "Yulianti Lestari Rahayu Wulandari Handayani Susanti Pratiwi Kartini Sulastri Suryani Rahmawati Puspita Anggraini Fitriani Kusumawati Setyaningsih Marlina Mulyani Sumiati Ningsih",
        family: "",
        middle: ("", 0),
        weight: 160,
    },
    // Myanmar: names without a family name.
    Tradition {
        countries: &["MM"],
        shape: Shape::Syllables,
        reference: None,
        male: "Aung Kyaw Min Zaw Htun Win Myint Soe Naing Hlaing Thein Tun Maung Thant Htet Ye Lin Wai Zin Thura",
        female: "Khin Su Yi Nyein Thida Ei Mya Phyo Sandar Hnin Thazin Nilar May Moe Cho Wint Zar Hla Thuzar Aye",
        family: "",
        middle: ("", 0),
        weight: 70,
    },
    // Arabic: given, often "bin X", family often with al-.
    Tradition {
        countries: &["SA", "AE", "QA", "JO", "EG", "IQ", "KW", "OM", "LB", "MA"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Mohammed Ahmed Omar Khalid Faisal Ali Hassan Hussein Youssef Ibrahim Tariq Nasser Saeed Karim Abdullah Sultan Hamad Majid Walid Samir Mahmoud Adel Rashid Ziad Bassam Fahad Salman Marwan Nabil Amr",
        female: "Fatima Layla Noura Mariam Aisha Salma Rania Hala Amal Huda Dalia Yasmin Lina Reem Maha Nadia Samira Hanan Lubna Sara Dina Ghada Manal Nour Shaima",
        family: "al-Rashid al-Mansouri al-Hashimi al-Otaibi al-Qahtani al-Masri al-Zahrani al-Shamsi al-Harbi al-Jaber al-Khalifa al-Sayed al-Dosari al-Mutairi al-Ghamdi al-Amiri al-Kaabi al-Nuaimi al-Saadi al-Obaidi Haddad Khoury Mansour Nasr Aziz Hamdan Saleh Darwish Farouk Hijazi Barakat Qasem Abboud Tahan Ali Hussein",
        middle: (
            "bin_Khalid bin_Salman bin_Zayed bin_Hamad bin_Abdullah bin_Rashid bin_Faisal bin_Saeed bin_Nasser bin_Sultan",
            30,
        ),
        weight: 330,
    },
    // Persian.
    Tradition {
        countries: &["IR"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Ali Reza Mehdi Hamid Javad Abbas Hossein Mohammad Saeed Majid Amir Babak Kaveh Dariush Behrouz Farhad",
        female: "Zahra Maryam Fatemeh Shirin Leila Nasrin Parisa Roya Mina Azadeh Golnar Niloufar Soheila Taraneh",
        family: "Hosseini Rahimi Mohammadi Karimi Ahmadi Rezaei Moradi Jafari Sadeghi Ghorbani Kazemi Nouri Tehrani Shirazi Esfahani Rostami Bagheri Amini Hashemi Zarif Araghchi Salehi",
        middle: ("", 0),
        weight: 110,
    },
    // Turkish.
    Tradition {
        countries: &["TR"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Şükrü Çağlar Gökhan Yiğit Burak Emre Murat Oğuz Kemal Selim Cem Barış Ömer Tolga Uğur",
        female: "Emine Ayşe Fatma Zeynep Elif Özlem Derya Gül Şule Nur Merve Büşra Ebru Aslı Canan Dilek Gülşen Hülya Pınar Sevgi Tuğba",
        family: "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Akın Erdem Güneş Bulut Aktaş Tekin Uçar Karaca",
        middle: ("", 0),
        weight: 200,
    },
    // Polish, with male and female family names.
    Tradition {
        countries: &["PL"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Piotr Krzysztof Tomasz Paweł Marek Michał Łukasz Andrzej Wojciech Jakub Grzegorz Jan Kamil Mateusz Rafał Radosław Sławomir Zbigniew Bartosz Dariusz",
        female: "Anna Agnieszka Katarzyna Małgorzata Magdalena Joanna Zofia Ewa Monika Beata Dorota Barbara Aleksandra Justyna Natalia Urszula Jadwiga Izabela Halina Elżbieta",
        family: "Nowak Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik Kowalczyk Kamiński/Kamińska Lewandowski/Lewandowska Zieliński/Zielińska Szymański/Szymańska Woźniak Dąbrowski/Dąbrowska Kozłowski/Kozłowska Jankowski/Jankowska Mazur Wojciechowski/Wojciechowska Kwiatkowski/Kwiatkowska Krawczyk Kaczmarek Piotrowski/Piotrowska Grabowski/Grabowska Zając Pawłowski/Pawłowska Michalski/Michalska Król Wieczorek Jabłoński/Jabłońska Wróbel Nowakowski/Nowakowska Majewski/Majewska Olszewski/Olszewska Stępień Malinowski/Malinowska Górski/Górska Sikora Baran Rutkowski/Rutkowska Duda Sobczak",
        middle: ("", 0),
        weight: 240,
    },
    // Czech and Slovak, with male and female family names.
    Tradition {
        countries: &["CZ", "CZ", "SK"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Jan Petr Jiří Pavel Tomáš Martin Václav Zdeněk Miroslav Jaroslav Josef Lukáš Ondřej Marek Radek Vojtěch Milan Michal Karel Ľubomír",
        female: "Jana Eva Hana Lucie Kateřina Tereza Lenka Marie Petra Věra Alena Zuzana Markéta Veronika Michaela Barbora Klára Šárka Ivana Dagmar",
        family: "Novák/Nováková Svoboda/Svobodová Novotný/Novotná Dvořák/Dvořáková Černý/Černá Procházka/Procházková Kučera/Kučerová Veselý/Veselá Horák/Horáková Němec/Němcová Pokorný/Pokorná Marek/Marková Hájek/Hájková Král/Králová Růžička/Růžičková Beneš/Benešová Fiala/Fialová Sedláček/Sedláčková Doležal/Doležalová Zeman/Zemanová Kolář/Kolářová Navrátil/Navrátilová Čermák/Čermáková Urban/Urbanová Vaněk/Vaňková Blažek/Blažková Kříž/Křížová Kovář/Kovářová Šťastný/Šťastná",
        middle: ("", 0),
        weight: 200,
    },
    // Hungarian, in the given-first order English papers use.
    Tradition {
        countries: &["HU"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "László István József János Zoltán Sándor Gábor Ferenc Attila Péter Tamás Zsolt Csaba Balázs Levente Miklós Gergely Ákos Dániel Bence",
        female: "Katalin Erzsébet Ildikó Zsuzsanna Éva Judit Ágnes Krisztina Tímea Zsófia Anikó Eszter Réka Andrea Viktória Orsolya Enikő Boglárka Noémi Dóra",
        family: "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete Szűcs Győri Bíró Hegedűs Fülöp Szalai Vörös Pintér Sipos Orbán Lengyel Magyar Fodor Csizmadia",
        middle: ("", 0),
        weight: 170,
    },
    // German, Austrian and Swiss.
    Tradition {
        countries: &["DE", "DE", "DE", "AT", "CH"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Jürgen Thomas Michael Andreas Stefan Klaus Wolfgang Jörg Uwe Günter Matthias Lars Sören Tobias Florian Markus Dieter Horst Rüdiger Bernd Jens Malte Hannes Lukas Maximilian Friedrich Olaf Karl-Heinz Hans-Peter",
        female: "Sabine Ursula Petra Monika Katrin Annalena Friederike Heike Anke Dörte Birgit Claudia Susanne Julia Lena Svenja Ricarda Bärbel Jutta Gudrun Karin Annegret Steffi Nele Franziska",
        family: "Müller Müller Müller Müller Schmidt Schmidt Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Strauß Weiß Groß Köhler Jäger Vogel Fuchs Kühn Günther Lorenz Busch Sommer Frank Berg Engel Keller Bach Böhm Brandt Scholz Baerbock Lindner Habeck Süßmuth von_der_Leyen von_Weizsäcker zu_Guttenberg",
        middle: ("", 0),
        weight: 320,
    },
    // Nordic (Swedish, Norwegian, Danish, Finnish).
    Tradition {
        countries: &["SE", "NO", "DK", "FI"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Lars Anders Erik Nils Björn Magnus Søren Jørgen Mikko Jukka Henrik Ulf Stefan Jonas Mats Per Ole Pål Kristian Mattias Jussi Antti Petteri Håkan Gøran",
        female: "Ingrid Astrid Sigrid Karin Linnea Freja Mette Åsa Aino Päivi Ulla Kristina Magdalena Ebba Hanna Sanna Tuula Sirpa Marit Kari Solveig Line Trine Pia Lotta",
        family: "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Lindqvist Lindberg Bergström Sjöberg Åberg Hansen Johansen Olsen Larsen Andersen Pedersen Nielsen Jensen Sørensen Rasmussen Jørgensen Østergaard Løkke Bjørnstad Ødegård Frederiksen Solberg Støre Virtanen Korhonen Mäkinen Nieminen Hämäläinen Järvinen Lehtonen Heikkinen Koskinen Räsänen",
        middle: ("", 0),
        weight: 300,
    },
    // Icelandic: given name and patronymic; later references use the given name.
    Tradition {
        countries: &["IS"],
        shape: Shape::Patronymic,
        reference: Some(ReferencePart::Given),
        male: "Jón Ólafur Guðmundur Sigurður Gunnar Einar Kristján Magnús Bjarni Stefán Þórður Halldór Ragnar Árni Helgi",
        female: "Guðrún Sigríður Kristín Anna Margrét Helga Katrín Ingibjörg Þóra Ragnheiður Ásdís Svandís Lilja Bryndís Hildur",
        family: "",
        middle: ("", 0),
        weight: 60,
    },
    // Dutch and Flemish, with particles.
    Tradition {
        countries: &["NL", "NL", "BE"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Jan Pieter Willem Hendrik Johannes Maarten Daan Sem Bram Joost Geert Mark Wopke Ruud Sjoerd Hugo Frans Koen Thijs Jeroen Wouter Bart Dirk Stijn",
        female: "Sanne Anouk Femke Lotte Eva Sigrid Kajsa Marieke Ilse Esther Ingrid Mirjam Anneke Fleur Saskia Lieke Joke Annemarie Hilde Els",
        family: "de_Jong de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Smits de_Graaf van_der_Meer van_der_Linden Kok Jacobs de_Haan Vermeulen van_den_Heuvel van_der_Veen van_den_Broek de_Bruijn van_der_Heijden Schouten van_Beek Willems van_Vliet van_de_Ven Hoekstra Maas Verhoeven Koster van_Dam van_der_Wal Prins Blom Huisman Peeters Claes Goossens Wouters De_Smet Van_Damme De_Wever Vandenbroucke",
        middle: ("", 0),
        weight: 260,
    },
    // Irish, with apostrophes and Irish-language spellings.
    Tradition {
        countries: &["IE"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Seán Ciarán Pádraig Éamon Oisín Cian Declan Conor Darragh Micheál Dara Colm Donal Eoin Fergal Liam Niall Rory Tadhg Cathal",
        female: "Siobhán Saoirse Aoife Niamh Máire Caoimhe Róisín Fiona Orla Sinéad Clodagh Gráinne Bríd Úna Aisling Deirdre Eimear Mairéad Nuala Órla",
        family: "O'Brien O'Connor O'Sullivan O'Neill O'Reilly O'Donnell O'Shea O'Mahony O'Callaghan O'Dowd McCarthy MacNamara McGuinness McDonagh Murphy Kelly Walsh Byrne Ryan Doyle Kennedy Lynch Murray Quinn Gallagher Ó_Ríordáin Ó_Briain Ó_Sé Mac_Lochlainn Nic_Aodha D'Arcy Fitzgerald Brennan Keane Flanagan",
        middle: ("", 0),
        weight: 180,
    },
    // Spanish and Latin American: two family names.
    Tradition {
        countries: &["ES", "ES", "MX", "CO", "AR", "CL", "PE", "VE", "UY", "EC"],
        shape: Shape::SpanishDouble,
        reference: None,
        male: "José Juan Antonio Francisco Javier Alejandro Pedro Raúl Jesús Íñigo Manuel Carlos Luis Miguel Andrés Diego Gonzalo Álvaro Rodrigo Sebastián Martín Ramón Joaquín José_Luis Juan_Carlos",
        female: "María Carmen Ana Lucía Elena Sofía Isabel Inés Begoña Nuria Pilar Teresa Rosa Dolores Marta Cristina Valentina Camila Verónica Ximena Yolanda Mónica Claudia María_José Ana_María",
        family: "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco Reyes Aguilar Pascual Ibáñez Ferrer Durán Benítez Mora Vargas Arias Soto Velasco Bravo Rojas Sheinbaum Petro Boric",
        middle: ("", 0),
        weight: 360,
    },
    // Portuguese and Brazilian.
    Tradition {
        countries: &["PT", "BR", "BR", "AO", "MZ"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "João José António Luís Paulo Pedro Carlos Francisco Gonçalo Sebastião Rui Nuno Tiago Fernando Marcelo Rodrigo Luiz_Inácio Jair Flávio Otávio",
        female: "Maria Ana Fernanda Beatriz Conceição Inês Leonor Tânia Mariana Catarina Graça Fátima Simone Marina Gleisi Luciana Débora Cármen Joana Raquel",
        family: "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Neves Coelho Cunha Pires Reis Simões Antunes Matos Fonseca Magalhães Brandão Guimarães da_Silva dos_Santos da_Costa de_Sousa do_Nascimento",
        middle: ("", 0),
        weight: 260,
    },
    // French.
    Tradition {
        countries: &["FR", "FR", "FR", "BE", "CH", "CA", "SN", "CI"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Jean Pierre François Jérôme Stéphane Frédéric Benoît Clément Jean-Luc Jean-Pierre Loïc Noël Gérald Sébastien Thierry Olivier Bruno Emmanuel Édouard Gabriel Rachid Yannick Hervé Amadou Moussa",
        female: "Marie Sophie Élise Hélène Cécile Amélie Marie-Claire Anne-Sophie Gaëlle Zoé Agnès Élisabeth Ségolène Valérie Nathalie Delphine Aurore Françoise Brigitte Aminata Fatou Claire Océane Manon Maëlle",
        family: "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel David Bertrand Roux Vincent Fournier Morel Girard André Lefebvre Mercier Dupont Lambert Bonnet Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Perrin Morin Mathieu Gauthier Dumont Fontaine Chevalier Robin Le_Maire Le_Pen Le_Drian de_Villepin Giscard_d'Estaing Diallo Traoré Ndiaye Diop Ouattara Koné",
        middle: ("", 0),
        weight: 330,
    },
    // Italian.
    Tradition {
        countries: &["IT"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Giuseppe Giovanni Antonio Mario Luigi Francesco Alessandro Matteo Lorenzo Sergio Carlo Paolo Roberto Stefano Andrea Marco Enrico Guido Fabrizio Nicola",
        female: "Giorgia Giulia Chiara Francesca Paola Elly Laura Valentina Federica Silvia Alessandra Maria Elena Roberta Anna Daniela Beatrice Lucia Marta Ilaria",
        family: "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti D'Angelo Di_Maio Lo_Russo Della_Valle Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Serra Coppola De_Santis D'Amico",
        middle: ("", 0),
        weight: 220,
    },
    // Greek.
    Tradition {
        countries: &["GR", "CY"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Giorgos Dimitris Nikos Konstantinos Kyriakos Alexis Yannis Christos Panagiotis Vasilis Stavros Andreas Michalis Thanasis",
        female: "Maria Eleni Katerina Sofia Dimitra Georgia Ioanna Anna Vasiliki Despina Niki Fotini Zoe Athina",
        family: "Papadopoulos/Papadopoulou Georgiou Nikolaou Dimitriou Konstantinou Ioannou Papageorgiou Vlachos/Vlachou Oikonomou Pappas/Pappa Makris/Makri Antoniou Christodoulou Karamanlis/Karamanli Mitsotakis/Mitsotaki Tsipras/Tsipra Dendias Gerapetritis Hatzidakis/Hatzidaki",
        middle: ("", 0),
        weight: 120,
    },
    // Russian (transliterated), with male and female family names.
    Tradition {
        countries: &["RU", "RU", "BY", "KZ"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Sergei Dmitry Alexei Vladimir Ivan Nikolai Andrei Mikhail Yuri Pavel Maxim Oleg Boris Viktor Anatoly Gennady Konstantin Yevgeny Denis Roman",
        female: "Olga Tatiana Natalia Yelena Irina Svetlana Anastasia Maria Yekaterina Ksenia Lyudmila Galina Valentina Marina Anna Darya Polina Yulia Vera Nadezhda",
        family: "Ivanov/Ivanova Smirnov/Smirnova Kuznetsov/Kuznetsova Popov/Popova Vasiliev/Vasilieva Petrov/Petrova Sokolov/Sokolova Mikhailov/Mikhailova Novikov/Novikova Fedorov/Fedorova Morozov/Morozova Volkov/Volkova Alekseev/Alekseeva Lebedev/Lebedeva Semenov/Semenova Yegorov/Yegorova Pavlov/Pavlova Kozlov/Kozlova Stepanov/Stepanova Nikolaev/Nikolaeva Orlov/Orlova Andreev/Andreeva Makarov/Makarova Zakharov/Zakharova Belov/Belova Medvedev/Medvedeva Sorokin/Sorokina Tarasov/Tarasova",
        middle: ("", 0),
        weight: 240,
    },
    // Ukrainian.
    Tradition {
        countries: &["UA"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Oleksandr Volodymyr Dmytro Andriy Taras Serhiy Mykola Yuriy Ihor Vitaliy Oleh Bohdan Denys Ruslan",
        female: "Olena Yuliia Iryna Oksana Kateryna Nataliia Tetiana Svitlana Halyna Viktoriia Liudmyla Mariia Anastasiia Khrystyna",
        family: "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Melnyk Boyko Kovalchuk Shevchuk Polishchuk Lysenko Marchenko Rudenko Savchenko Moroz Klymenko Pavlenko Kuleba Sybiha Stefanishyna Svyrydenko",
        middle: ("", 0),
        weight: 130,
    },
    // English-speaking countries, with many names that are ordinary words.
    Tradition {
        countries: &["GB", "GB", "US", "US", "US", "AU", "CA", "NZ", "ZA"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Andrew Mark Paul Steven Kevin Brian George Edward Peter Simon Keir Rishi Will Jack Frank Guy Bill Bob Rob Lance Chase Hunter Austin Dallas Jordan Dean Grant Earl Rex Victor Glen Dale",
        female: "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Emily Rachel Helen Kemi Yvette Grace Hope Faith Joy Rose May June April Dawn Summer Amber Ruby Georgia Paris Penny Sue Pat Holly Iris Ivy Violet Crystal Destiny Charity Sunny Florence Victoria Virginia Carolina",
        family: "Smith Smith Smith Smith Johnson Johnson Williams Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee White Harris Clark Lewis Young King Wright Hill Green Baker Hall Adams Nelson Carter Mitchell Turner Parker Collins Edwards Stewart Morris Rogers Reed Cook Bell Cooper Ward Brooks Gray Wood Stone Rivers Banks Page Price Long Little Bush Field Fox Hunt Lamb Marsh Nash Powell Rice Ross Sharp Short Sterling Strong Swift Webb Wells West Wise Church Black Castle Cross Day Drake Lord Ford Bird Bishop Judge Knight Pope Marshall Dean Prince Noble Major Duke Bond Hope May Rose Park Washington Lincoln Jordan Chancellor Starmer Sunak Badenoch Rayner Reeves Lammy Cooper Streeting Miliband",
        middle: ("", 0),
        weight: 560,
    },
    // Indian.
    Tradition {
        countries: &["IN"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Rahul Amit Rajesh Vikram Arjun Sanjay Subrahmanyam Venkatesh Arvind Suresh Ravi Anil Kiran Narendra Piyush Nitin Rajnath Ashwini Hardeep Jitendra Manoj Sunil Ajay Deepak",
        female: "Priya Sunita Anita Deepa Kavita Meera Nirmala Lakshmi Pooja Smriti Sushma Shobha Anupriya Anjali Neha Ritu Swati Kiran Rekha Shalini",
        family: "Sharma Verma Gupta Singh Singh Singh Singh Kumar Kumar Kumar Patel Shah Mehta Reddy Nair Iyer Menon Rao Das Bose Chatterjee Banerjee Mukherjee Joshi Kapoor Malhotra Agarwal Pillai Desai Chopra Bhat Khan Sitharaman Gandhi Yadav Mishra Pandey Tiwari Chauhan Goyal Gadkari Vaishnaw Puri Jaishankar Scindia",
        middle: ("", 0),
        weight: 300,
    },
    // Pakistani and Bangladeshi.
    Tradition {
        countries: &["PK", "BD"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Imran Shehbaz Bilawal Asif Ishaq Ahsan Khawaja Tariq Faisal Zubair Rizwan Kamran Mahmud Tarique Sajeeb",
        female: "Maryam Sherry Hina Nighat Ayesha Saima Farzana Sheikh_Hasina Dipu Rumana Nusrat Shireen",
        family: "Khan Sharif Zardari Bhutto Dar Iqbal Qureshi Chaudhry Malik Abbasi Hussain Rahman Ahmed Chowdhury Hossain Islam Haque Alam Uddin",
        middle: ("", 0),
        weight: 120,
    },
    // Nigerian (Igbo, Yoruba, Hausa names).
    Tradition {
        countries: &["NG", "NG", "GH"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Chukwuemeka Oluwaseun Adebayo Chinedu Emeka Tunde Yemi Abubakar Ibrahim Musa Olumide Babajide Obinna Uche Femi Kwame Kofi Nana Kwesi Yaw Bola Wale Segun Nnamdi",
        female: "Ngozi Folake Aisha Nkechi Chiamaka Funmilayo Kemi Amina Zainab Adaeze Ifeoma Yewande Titilayo Hadiza Abena Akosua Ama Efua Oby Dora",
        family: "Okonkwo Adeyemi Okafor Balogun Eze Nwachukwu Adebayo Okeke Abubakar Bello Ibrahim Mohammed Yusuf Ogunleye Oyelaran Obi Adeleke Okoro Uzor Olatunji Akinwande Ezekwesili Okonjo-Iweala Osinbajo Shettima Mensah Owusu Asante Boateng Appiah Mahama Akufo-Addo Bawumia",
        middle: ("", 0),
        weight: 240,
    },
    // East African.
    Tradition {
        countries: &["KE", "TZ", "UG", "ET"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Kamau Otieno Odhiambo Mwangi Kipchoge Kiprop Wafula Juma Baraka Jomo Raila Abiy Tedros Yoweri",
        female: "Wanjiku Achieng Njeri Chebet Akinyi Wairimu Neema Rehema Zawadi Samia Martha Faith",
        family: "Kamau Otieno Odhiambo Mwangi Kenyatta Odinga Ruto Kipchoge Kiprop Chebet Wafula Njoroge Mutua Kibet Wanjiru Museveni Hassan Ahmed Gebreyesus Ali Juma",
        middle: ("", 0),
        weight: 110,
    },
    // Filipino.
    Tradition {
        countries: &["PH"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Ferdinand Rodrigo Jose Manuel Antonio Ramon Francis Gilberto Teodoro Enrique Raffy Bongbong",
        female: "Maria Leni Sara Imee Risa Grace Pia Cynthia Loren Liza Corazon Gloria",
        family: "Dela_Cruz Reyes Bautista Ocampo Mendoza Garcia Aquino Macapagal Santos Villanueva Ramos Castillo Tolentino Manalo Lacson Pangilinan Hontiveros Marcos Duterte Robredo",
        middle: ("", 0),
        weight: 100,
    },
    // Hebrew.
    Tradition {
        countries: &["IL"],
        shape: Shape::GivenFirst,
        reference: None,
        male: "Yossi Avi Eitan Moshe Itai Amir Yair Benny Gadi Naftali Gideon Ehud Ariel Omer",
        female: "Noa Tamar Yael Shira Michal Ayelet Orly Dalia Tzipi Merav Limor Hila Gila Rivka",
        family: "Cohen Levi Mizrahi Peretz Biton Friedman Katz Avraham Dahan Shapira Goldberg Ben-David Ben-Ami Azoulay Golan Lapid Gantz Bennett Sa'ar Herzog",
        middle: ("", 0),
        weight: 90,
    },
];

/// Portfolios of ministers, as a desk writes them (`{P} Minister`, `Minister of {P}`).
const PORTFOLIOS: &[(&str, &str)] = &[
    ("Finance", "Finance"),
    ("Foreign", "Foreign Affairs"),
    ("Defence", "Defence"),
    ("Interior", "the Interior"),
    ("Health", "Health"),
    ("Education", "Education"),
    ("Trade", "Trade"),
    ("Energy", "Energy"),
    ("Agriculture", "Agriculture"),
    ("Transport", "Transport"),
    ("Justice", "Justice"),
    ("Environment", "the Environment"),
    ("Labour", "Labour"),
    ("Culture", "Culture"),
    ("Tourism", "Tourism"),
    ("Digital Affairs", "Digital Affairs"),
    ("Fisheries", "Fisheries"),
    ("Housing", "Housing"),
    ("Science", "Science"),
    ("Infrastructure", "Infrastructure"),
];

/// Offices that are not a ministry's: (title, its aliases, kind of organisation).
const OFFICES: &[(&str, &[&str], &str)] = &[
    ("Prime Minister", &["PM"], "government"),
    ("President", &[], "government"),
    ("Vice President", &["Vice-President"], "government"),
    ("Governor", &[], "province"),
    ("Mayor", &[], "city"),
    ("Deputy Mayor", &[], "city"),
    ("Senator", &["Sen."], "parliament"),
    ("Speaker", &[], "parliament"),
    ("Member of Parliament", &["MP"], "parliament"),
    ("Ambassador", &[], "embassy"),
    (
        "Central Bank Governor",
        &["Governor of the Central Bank"],
        "central bank",
    ),
    ("Spokesperson", &["spokeswoman", "spokesman"], "government"),
    ("Chief Justice", &[], "court"),
    ("Judge", &["Justice"], "court"),
    ("Attorney General", &["Attorney-General"], "government"),
    ("Police Chief", &["Police Commissioner"], "police"),
    ("Secretary-General", &["Secretary General"], "party"),
    ("Party Chairman", &["party chairman"], "party"),
];

/// Titles in companies: (title, aliases).
const BUSINESS: &[(&str, &[&str])] = &[
    (
        "Chief Executive",
        &["CEO", "Chief Executive Officer", "chief executive"],
    ),
    ("Chairman", &["Chair"]),
    ("Chairwoman", &["Chair"]),
    ("Chief Financial Officer", &["CFO", "finance director"]),
    ("Managing Director", &["MD"]),
    ("Founder", &["co-founder"]),
    ("Chief Operating Officer", &["COO"]),
    ("Chief Economist", &[]),
];

/// Military and police ranks: (rank, abbreviations).
const RANKS: &[(&str, &[&str])] = &[
    ("General", &["Gen."]),
    ("Lieutenant General", &["Lt. Gen.", "Lt Gen"]),
    ("Major General", &["Maj. Gen.", "Maj Gen"]),
    ("Brigadier General", &["Brig. Gen."]),
    ("Admiral", &["Adm."]),
    ("Vice Admiral", &["Vice Adm."]),
    ("Rear Admiral", &["Rear Adm."]),
    ("Colonel", &["Col."]),
    ("Air Marshal", &[]),
];

/// Other walks of life: (title, aliases, kind of organisation).
const OTHERS: &[(&str, &[&str], &str)] = &[
    ("Professor", &["Prof."], "university"),
    ("Rector", &[], "university"),
    ("Vice-Chancellor", &["Vice Chancellor"], "university"),
    ("Head Coach", &["Coach", "coach", "manager"], "club"),
    ("Captain", &["captain", "skipper"], "club"),
    ("Archbishop", &[], "church"),
    ("Bishop", &[], "church"),
    ("Director", &["director"], "agency"),
    ("Director-General", &["Director General", "DG"], "agency"),
    ("Editor-in-Chief", &["editor"], "newspaper"),
];

const HONORIFICS: &[(&str, &[&str])] = &[
    ("Mr", &["Mr."]),
    ("Mrs", &["Mrs."]),
    ("Ms", &["Ms."]),
    ("Dr", &["Dr."]),
    ("Sir", &[]),
    ("Dame", &[]),
];

/// Company names are made of these: `{first} {second}`.
const COMPANY_FIRST: &[&str] = &[
    "Northern",
    "Lotus",
    "Harbour",
    "Sunrise",
    "Golden",
    "Pacific",
    "Atlas",
    "Meridian",
    "Summit",
    "Crescent",
    "Evergreen",
    "Silver",
    "Red River",
    "Blue Ridge",
    "Orient",
    "Baltic",
    "Alpine",
    "Delta",
    "Horizon",
    "Pioneer",
    "Keystone",
    "Lighthouse",
    "Granite",
    "Saffron",
    "Cedar",
    "Phoenix",
    "Aurora",
    "Sahel",
    "Andes",
    "Mekong",
];
const COMPANY_SECOND: &[&str] = &[
    "Bank",
    "Energy",
    "Shipping",
    "Telecom",
    "Steel",
    "Airways",
    "Holdings",
    "Capital",
    "Motors",
    "Foods",
    "Pharma",
    "Logistics",
    "Insurance",
    "Mining",
    "Media",
    "Textiles",
];

/// Places: (name, variants, aliases, kind, country). Many are also names or common words.
/// A place: name, variants, aliases, kind, country.
type PlaceRow = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    &'static str,
);

const PLACES: &[PlaceRow] = &[
    ("Hà Nội", &["Hanoi"], &[], "city", "VN"),
    (
        "Hồ Chí Minh City",
        &["Ho Chi Minh City"],
        &["Saigon"],
        "city",
        "VN",
    ),
    ("Đà Nẵng", &["Da Nang"], &[], "city", "VN"),
    ("Hải Phòng", &["Haiphong"], &[], "city", "VN"),
    ("Việt Nam", &["Vietnam"], &[], "country", "VN"),
    (
        "South Korea",
        &[],
        &["Korea", "Republic of Korea"],
        "country",
        "KR",
    ),
    ("Seoul", &[], &[], "city", "KR"),
    ("Busan", &[], &[], "city", "KR"),
    ("Tokyo", &[], &[], "city", "JP"),
    ("Ōsaka", &["Osaka"], &[], "city", "JP"),
    ("Kyōto", &["Kyoto"], &[], "city", "JP"),
    ("Beijing", &[], &[], "city", "CN"),
    ("Shanghai", &[], &[], "city", "CN"),
    ("Bangkok", &[], &[], "city", "TH"),
    ("Jakarta", &[], &[], "city", "ID"),
    ("Surabaya", &[], &[], "city", "ID"),
    ("Yangon", &[], &["Rangoon"], "city", "MM"),
    ("Manila", &[], &[], "city", "PH"),
    ("Riyadh", &[], &[], "city", "SA"),
    ("Doha", &[], &[], "city", "QA"),
    ("Amman", &[], &[], "city", "JO"),
    ("Jordan", &[], &[], "country", "JO"),
    ("Georgia", &[], &[], "country", "GE"),
    ("Tbilisi", &[], &[], "city", "GE"),
    ("Ankara", &[], &[], "city", "TR"),
    ("İstanbul", &["Istanbul"], &[], "city", "TR"),
    ("Warsaw", &[], &["Warszawa"], "city", "PL"),
    ("Kraków", &["Krakow"], &["Cracow"], "city", "PL"),
    ("Gdańsk", &["Gdansk"], &[], "city", "PL"),
    ("Prague", &[], &["Praha"], "city", "CZ"),
    ("Brno", &[], &[], "city", "CZ"),
    ("Budapest", &[], &[], "city", "HU"),
    ("Berlin", &[], &[], "city", "DE"),
    ("München", &[], &["Munich"], "city", "DE"),
    ("Köln", &[], &["Cologne"], "city", "DE"),
    ("Görlitz", &["Goerlitz"], &[], "city", "DE"),
    ("Zgorzelec", &[], &[], "city", "PL"),
    ("Zürich", &["Zurich"], &[], "city", "CH"),
    ("Vienna", &[], &["Wien"], "city", "AT"),
    ("Stockholm", &[], &[], "city", "SE"),
    ("Oslo", &[], &[], "city", "NO"),
    ("Copenhagen", &[], &["København"], "city", "DK"),
    ("Helsinki", &[], &[], "city", "FI"),
    ("Reykjavík", &["Reykjavik"], &[], "city", "IS"),
    ("Tórshavn", &["Torshavn"], &[], "city", "FO"),
    ("Amsterdam", &[], &[], "city", "NL"),
    ("The Hague", &[], &[], "city", "NL"),
    ("Brussels", &[], &["Bruxelles"], "city", "BE"),
    ("Dublin", &[], &[], "city", "IE"),
    ("Galway", &[], &[], "city", "IE"),
    ("Madrid", &[], &[], "city", "ES"),
    ("Bogotá", &["Bogota"], &[], "city", "CO"),
    ("Mexico City", &[], &[], "city", "MX"),
    ("Lima", &[], &[], "city", "PE"),
    ("Santiago", &[], &[], "city", "CL"),
    ("Buenos Aires", &[], &[], "city", "AR"),
    ("Lisbon", &[], &["Lisboa"], "city", "PT"),
    ("São Paulo", &["Sao Paulo"], &[], "city", "BR"),
    ("Brasília", &["Brasilia"], &[], "city", "BR"),
    ("Paris", &[], &[], "city", "FR"),
    ("Nice", &[], &[], "city", "FR"),
    ("Montréal", &["Montreal"], &[], "city", "CA"),
    ("Rome", &[], &["Roma"], "city", "IT"),
    ("Florence", &[], &["Firenze"], "city", "IT"),
    ("Athens", &[], &[], "city", "GR"),
    ("Moscow", &[], &[], "city", "RU"),
    ("Kyiv", &[], &[], "city", "UA"),
    ("London", &[], &[], "city", "GB"),
    ("Reading", &[], &[], "city", "GB"),
    ("Bath", &[], &[], "city", "GB"),
    ("Washington", &[], &[], "city", "US"),
    ("Austin", &[], &[], "city", "US"),
    ("Victoria", &[], &[], "city", "CA"),
    ("Split", &[], &[], "city", "HR"),
    ("Mobile", &[], &[], "city", "US"),
    ("Delhi", &[], &["New Delhi"], "city", "IN"),
    ("Mumbai", &[], &["Bombay"], "city", "IN"),
    ("Lagos", &[], &[], "city", "NG"),
    ("Abuja", &[], &[], "city", "NG"),
    ("Accra", &[], &[], "city", "GH"),
    ("Nairobi", &[], &[], "city", "KE"),
    ("Tel Aviv", &[], &[], "city", "IL"),
    ("Tehran", &[], &[], "city", "IR"),
    ("Chad", &[], &[], "country", "TD"),
    ("Malé", &["Male"], &[], "city", "MV"),
];

/// Law names, given a year each: a desk keeps the ones it writes about.
const LAWS: &[&str] = &[
    "Data Protection Act",
    "Online Safety Act",
    "Clean Air Act",
    "Fisheries Act",
    "Energy Security Act",
    "Digital Services Act",
    "Cybersecurity Law",
    "Land Law",
    "Press Law",
    "Anti-Corruption Act",
    "Climate Change Act",
    "Public Health Act",
    "Competition Act",
    "Electoral Reform Act",
    "Housing Act",
    "Water Resources Act",
    "Artificial Intelligence Act",
    "Maritime Security Act",
    "Minimum Wage Act",
    "Freedom of Information Act",
];

/// Words that name events in a sentence.
const EVENT_KINDS: &[(&str, &[&str])] = &[
    ("summit", &["summit", "met"]),
    ("talks", &["talks", "met"]),
    ("forum", &["forum"]),
    ("visit", &["visit", "visited"]),
    ("conference", &["conference"]),
    ("signing", &["signed", "signing"]),
];

fn words(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

fn unspace(s: &str) -> String {
    s.replace('_', " ")
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("bad date {s}"))
}

/// An id from a name: lowercase ASCII letters and digits joined by hyphens.
fn slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            'ø' | 'Ø' => 'o',
            'ß' => 's',
            'æ' | 'Æ' => 'a',
            'þ' | 'Þ' => 't',
            'ð' | 'Ð' => 'd',
            'ı' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == ' ' || c == '-' || c == '\'') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What the generator produced besides the table: who the anchors are, for the articles.
pub struct Generated {
    pub table: Table,
    /// Names of every person, for tests that check a name is or is not in the table.
    pub names: HashSet<String>,
}

/// A table builder that keeps ids unique and organisations known.
struct Builder {
    t: Table,
    ids: HashSet<String>,
    names: HashSet<String>,
    orgs: HashSet<String>,
    titles: HashSet<String>,
    rng: Rng,
}

impl Builder {
    fn id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn org(&mut self, id: &str, name: &str, aliases: &[&str], kind: &str, country: &str) {
        if self.orgs.insert(id.to_string()) {
            self.t.organisations.push(Entity {
                forms: Default::default(),
                id: id.to_string(),
                name: name.to_string(),
                variants: vec![],
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
                country: Some(country.to_string()),
                kind: Some(kind.to_string()),
                counts: vec![],
                sources: vec![],
                specs: vec![],
            });
        }
    }

    fn vocab(&mut self, title: &str, kind: TitleKind, aliases: &[&str]) {
        if self.titles.insert(title.to_string()) {
            self.t.titles.push(TitleWord {
                forms: Default::default(),
                title: title.to_string(),
                kind,
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
            });
        }
    }

    fn ministry(&mut self, country: &str, p: usize) -> String {
        let (short, long) = PORTFOLIOS[p];
        let id = format!("{}-{}-ministry", country.to_lowercase(), slug(short));
        let name = format!("Ministry of {} ({country})", unspace(long));
        self.org(&id, &name, &[], "ministry", country);
        id
    }

    fn place_org(&mut self, kind: &str, country: &str, n: usize) -> String {
        let id = format!("{}-{}-{n}", country.to_lowercase(), slug(kind));
        let name = format!("{} {n} ({country})", title_case(kind));
        self.org(&id, &name, &[], kind, country);
        id
    }

    /// A random title for someone from `country`, with its organisation.
    fn random_title(&mut self, country: &str) -> Option<HeldTitle> {
        let roll = self.rng.below(100);
        let (title, aliases, org): (String, Vec<String>, Option<String>) = if roll < 40 {
            let p = self.rng.below(PORTFOLIOS.len());
            let (short, long) = PORTFOLIOS[p];
            let org = self.ministry(country, p);
            let deputy = self.rng.chance(30);
            let title = format!("{}{short} Minister", if deputy { "Deputy " } else { "" });
            let alias = format!(
                "{}Minister of {}",
                if deputy { "Deputy " } else { "" },
                unspace(long)
            );
            self.vocab(&title, TitleKind::Office, &[]);
            (title, vec![alias], Some(org))
        } else if roll < 62 {
            let (title, aliases, kind) = OFFICES[self.rng.below(OFFICES.len())];
            let n = self.rng.below(12);
            let org = self.place_org(kind, country, n);
            self.vocab(title, TitleKind::Office, aliases);
            (title.to_string(), vec![], Some(org))
        } else if roll < 78 {
            let (title, aliases) = BUSINESS[self.rng.below(BUSINESS.len())];
            let a = self.rng.below(COMPANY_FIRST.len());
            let b = self.rng.below(COMPANY_SECOND.len());
            let name = format!("{} {}", COMPANY_FIRST[a], COMPANY_SECOND[b]);
            let id = slug(&name);
            self.org(&id, &name, &[], "company", country);
            self.vocab(title, TitleKind::Office, aliases);
            (title.to_string(), vec![], Some(id))
        } else if roll < 86 {
            let (title, aliases) = RANKS[self.rng.below(RANKS.len())];
            let org = self.place_org("armed forces", country, 0);
            self.vocab(title, TitleKind::Rank, aliases);
            (title.to_string(), vec![], Some(org))
        } else if roll < 96 {
            let (title, aliases, kind) = OTHERS[self.rng.below(OTHERS.len())];
            let n = self.rng.below(20);
            let org = self.place_org(kind, country, n);
            self.vocab(title, TitleKind::Office, aliases);
            (title.to_string(), vec![], Some(org))
        } else {
            return None;
        };
        Some(HeldTitle {
            forms: Default::default(),
            title,
            aliases,
            organisation: org,
            from: None,
            until: None,
            sources: vec![],
            disputed: vec![],
        })
    }

    fn person(&mut self, p: Person) -> String {
        self.names.insert(p.name.clone());
        let id = p.id.clone();
        self.t.people.push(p);
        id
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person, with the parts of the name given by hand.
pub struct Anchor {
    pub name: &'static str,
    pub family: &'static str,
    pub middle: Option<&'static str>,
    pub given: &'static str,
    pub order: NameOrder,
    pub country: &'static str,
    pub reference: Option<ReferencePart>,
    /// (title, aliases, organisation id, from, until)
    pub titles: &'static [(
        &'static str,
        &'static [&'static str],
        &'static str,
        &'static str,
        &'static str,
    )],
    pub aliases: &'static [&'static str],
}

const GF: NameOrder = NameOrder::GivenFirst;
const FF: NameOrder = NameOrder::FamilyFirst;

macro_rules! anchor {
    ($name:expr, $family:expr, $middle:expr, $given:expr, $order:expr, $country:expr, $reference:expr, [$($t:expr),* $(,)?] $(, aliases: [$($a:expr),*])?) => {
        Anchor {
            name: $name,
            family: $family,
            middle: $middle,
            given: $given,
            order: $order,
            country: $country,
            reference: $reference,
            titles: &[$($t),*],
            aliases: &[$($($a),*)?],
        }
    };
}

/// The people the newsroom articles write about, and the awkward cases every desk has.
/// Titles are (title, aliases, organisation id, from, until); "" leaves a field out.
pub const ANCHORS: &[Anchor] = &[
    // Việt Nam–Korea trade story.
    anchor!(
        "Nguyễn Thị Mai",
        "Nguyễn",
        Some("Thị"),
        "Mai",
        FF,
        "VN",
        None,
        [(
            "Trade Minister",
            &["Minister of Industry and Trade"],
            "moit-vn",
            "2024-03-01",
            ""
        )]
    ),
    anchor!(
        "Lê Hoàng Long",
        "Lê",
        Some("Hoàng"),
        "Long",
        FF,
        "VN",
        None,
        [(
            "Deputy Trade Minister",
            &["Deputy Minister of Industry and Trade"],
            "moit-vn",
            "2023-01-01",
            ""
        )]
    ),
    anchor!(
        "Park Min-jun",
        "Park",
        None,
        "Min-jun",
        FF,
        "KR",
        None,
        [
            (
                "Trade Minister",
                &["Minister of Trade, Industry and Energy"],
                "motie-kr",
                "2024-07-01",
                ""
            ),
            (
                "Deputy Trade Minister",
                &[],
                "motie-kr",
                "2021-01-01",
                "2024-06-30"
            )
        ]
    ),
    // A namesake: another Nguyễn Thị Mai, in Hồ Chí Minh City.
    anchor!(
        "Nguyễn Thị Mai",
        "Nguyễn",
        Some("Thị"),
        "Mai",
        FF,
        "VN",
        None,
        [("Vice Chair", &[], "hcmc-committee", "", "")]
    ),
    // German–Polish border story.
    anchor!(
        "Jürgen Müller",
        "Müller",
        None,
        "Jürgen",
        GF,
        "DE",
        None,
        [("Mayor", &[], "goerlitz-city", "2019-06-01", "")]
    ),
    anchor!(
        "Anna Kowalska",
        "Kowalska",
        None,
        "Anna",
        GF,
        "PL",
        None,
        [(
            "Regional Development Minister",
            &["Minister of Regional Development"],
            "pl-regional-ministry",
            "2023-12-13",
            ""
        )]
    ),
    // Korea–Japan football.
    anchor!(
        "Will Hart",
        "Hart",
        None,
        "Will",
        GF,
        "GB",
        None,
        [(
            "Head Coach",
            &["coach", "manager"],
            "busan-fc",
            "2024-01-01",
            ""
        )]
    ),
    anchor!(
        "Yūko Itō",
        "Itō",
        None,
        "Yūko",
        GF,
        "JP",
        None,
        [(
            "Captain",
            &["captain", "skipper"],
            "japan-womens-team",
            "",
            ""
        )]
    ),
    anchor!(
        "Grace Lee",
        "Lee",
        None,
        "Grace",
        GF,
        "KR",
        None,
        [(
            "Head Coach",
            &["coach"],
            "korea-womens-team",
            "2023-05-01",
            ""
        )]
    ),
    // Lagos bank story.
    anchor!(
        "Ngozi Okafor",
        "Okafor",
        None,
        "Ngozi",
        GF,
        "NG",
        None,
        [(
            "Chief Executive",
            &["CEO", "chief executive"],
            "lagos-harbour-bank",
            "2022-01-01",
            ""
        )]
    ),
    anchor!(
        "Rajesh Iyer",
        "Iyer",
        None,
        "Rajesh",
        GF,
        "IN",
        None,
        [(
            "Chief Financial Officer",
            &["CFO", "finance chief"],
            "lagos-harbour-bank",
            "",
            ""
        )]
    ),
    anchor!(
        "Olumide Bello",
        "Bello",
        None,
        "Olumide",
        GF,
        "NG",
        None,
        [(
            "Central Bank Governor",
            &["Governor of the Central Bank of Nigeria"],
            "cbn",
            "2023-09-22",
            ""
        )]
    ),
    // Irish obituary.
    anchor!(
        "Siobhán O'Reilly",
        "O'Reilly",
        None,
        "Siobhán",
        GF,
        "IE",
        None,
        [(
            "Minister for Culture",
            &["Culture Minister", "Arts Minister"],
            "ie-culture",
            "2025-01-23",
            ""
        )]
    ),
    anchor!(
        "Pádraig Ó Briain",
        "Ó Briain",
        None,
        "Pádraig",
        GF,
        "IE",
        None,
        [("Professor", &["Prof."], "galway-university", "", "")]
    ),
    // Digital ministers in Markdown.
    anchor!(
        "Katarzyna Wiśniewska",
        "Wiśniewska",
        None,
        "Katarzyna",
        GF,
        "PL",
        None,
        [(
            "Digital Affairs Minister",
            &["Minister of Digital Affairs"],
            "pl-digital-ministry",
            "2024-01-01",
            ""
        )]
    ),
    anchor!(
        "Lars Eriksson",
        "Eriksson",
        None,
        "Lars",
        GF,
        "SE",
        None,
        [(
            "Digital Minister",
            &["Minister for Digital Affairs"],
            "se-digital-ministry",
            "2022-10-18",
            ""
        )]
    ),
    anchor!(
        "Élise Moreau",
        "Moreau",
        None,
        "Élise",
        GF,
        "FR",
        None,
        [(
            "Digital Minister",
            &["Minister for Digital Affairs"],
            "fr-digital-ministry",
            "2024-09-21",
            ""
        )]
    ),
    // Gulf energy, hard-wrapped.
    anchor!(
        "Omar bin Khalid al-Rashid",
        "al-Rashid",
        Some("bin Khalid"),
        "Omar",
        GF,
        "SA",
        None,
        [(
            "Energy Minister",
            &["Minister of Energy"],
            "sa-energy",
            "2020-01-01",
            ""
        )]
    ),
    anchor!(
        "Layla Haddad",
        "Haddad",
        None,
        "Layla",
        GF,
        "JO",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "jo-foreign",
            "2024-09-18",
            ""
        )]
    ),
    anchor!(
        "Ali Hassan al-Masri",
        "al-Masri",
        Some("Hassan"),
        "Ali",
        GF,
        "EG",
        None,
        [(
            "Petroleum Minister",
            &["Minister of Petroleum"],
            "eg-petroleum",
            "2022-08-13",
            ""
        )]
    ),
    // Colombia–Spain, CRLF.
    anchor!(
        "María José García Márquez",
        "García Márquez",
        None,
        "María José",
        GF,
        "CO",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "co-foreign",
            "2024-03-01",
            ""
        )]
    ),
    anchor!(
        "Javier Fernández Ruiz",
        "Fernández Ruiz",
        None,
        "Javier",
        GF,
        "ES",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "es-foreign",
            "2023-11-21",
            ""
        )]
    ),
    // Prague / Vietnamese in NFD.
    anchor!(
        "Tomáš Dvořák",
        "Dvořák",
        None,
        "Tomáš",
        GF,
        "CZ",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "cz-foreign",
            "2023-01-01",
            ""
        )]
    ),
    anchor!(
        "Jana Nováková",
        "Nováková",
        None,
        "Jana",
        GF,
        "CZ",
        None,
        [(
            "Health Minister",
            &["Minister of Health"],
            "cz-health",
            "2021-12-17",
            ""
        )]
    ),
    anchor!(
        "Phạm Quốc Hùng",
        "Phạm",
        Some("Quốc"),
        "Hùng",
        FF,
        "VN",
        None,
        [(
            "Ambassador",
            &["Ambassador to the Czech Republic"],
            "vn-embassy-prague",
            "2023-09-01",
            ""
        )]
    ),
    // Türkiye–Greece.
    anchor!(
        "Zeynep Yıldız",
        "Yıldız",
        None,
        "Zeynep",
        GF,
        "TR",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "tr-foreign",
            "2024-06-04",
            ""
        )]
    ),
    anchor!(
        "Nikos Papadopoulos",
        "Papadopoulos",
        None,
        "Nikos",
        GF,
        "GR",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "gr-foreign",
            "2023-06-27",
            ""
        )]
    ),
    // Southeast Asia fisheries.
    anchor!(
        "Wahyudi",
        "",
        None,
        "",
        GF,
        "ID",
        None,
        [(
            "Fisheries Minister",
            &["Minister of Marine Affairs and Fisheries"],
            "id-fisheries",
            "2024-10-21",
            ""
        )]
    ),
    anchor!(
        "Somchai Wongsawat",
        "Wongsawat",
        None,
        "Somchai",
        GF,
        "TH",
        Some(ReferencePart::Given),
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "th-foreign",
            "2024-09-03",
            ""
        )]
    ),
    anchor!(
        "Kyaw Min Htun",
        "",
        None,
        "",
        GF,
        "MM",
        None,
        [("Fisheries Minister", &[], "mm-fisheries", "", "")]
    ),
    // Ukraine energy.
    anchor!(
        "Olena Kovalenko",
        "Kovalenko",
        None,
        "Olena",
        GF,
        "UA",
        None,
        [(
            "Energy Minister",
            &["Minister of Energy"],
            "ua-energy",
            "2024-07-16",
            ""
        )]
    ),
    anchor!(
        "Dmitry Orlov",
        "Orlov",
        None,
        "Dmitry",
        GF,
        "RU",
        None,
        [(
            "Deputy Foreign Minister",
            &[],
            "ru-foreign",
            "2020-01-01",
            ""
        )]
    ),
    // Nordic fisheries.
    anchor!(
        "Guðrún Jónsdóttir",
        "Jónsdóttir",
        None,
        "Guðrún",
        GF,
        "IS",
        Some(ReferencePart::Given),
        [("Prime Minister", &[], "is-government", "2024-12-21", "")]
    ),
    anchor!(
        "Jørgen Sørensen",
        "Sørensen",
        None,
        "Jørgen",
        GF,
        "DK",
        None,
        [(
            "Fisheries Minister",
            &["Minister for Food, Agriculture and Fisheries"],
            "dk-fisheries",
            "2022-12-15",
            ""
        )]
    ),
    anchor!(
        "Pieter van den Berg",
        "van den Berg",
        None,
        "Pieter",
        GF,
        "NL",
        None,
        [(
            "Infrastructure Minister",
            &["Minister of Infrastructure and Water Management"],
            "nl-infrastructure",
            "2024-07-02",
            ""
        )]
    ),
    // China–Japan.
    anchor!(
        "Wang Jianguo",
        "Wang",
        None,
        "Jianguo",
        FF,
        "CN",
        None,
        [(
            "Foreign Minister",
            &["Minister of Foreign Affairs"],
            "cn-foreign",
            "2023-07-25",
            ""
        )]
    ),
    anchor!(
        "Hiroshi Satō",
        "Satō",
        None,
        "Hiroshi",
        GF,
        "JP",
        None,
        [(
            "Foreign Minister",
            &["Minister for Foreign Affairs"],
            "jp-foreign",
            "2024-10-01",
            ""
        )]
    ),
    anchor!(
        "Kyōko Itō",
        "Itō",
        None,
        "Kyōko",
        GF,
        "JP",
        None,
        [(
            "Chief Cabinet Secretary",
            &[],
            "jp-cabinet",
            "2024-10-01",
            ""
        )]
    ),
    // Culture, names that are words.
    anchor!(
        "Rose King",
        "King",
        None,
        "Rose",
        GF,
        "GB",
        None,
        [(
            "Culture Secretary",
            &["Secretary of State for Culture"],
            "gb-culture",
            "2024-07-05",
            ""
        )]
    ),
    anchor!(
        "Hope Young",
        "Young",
        None,
        "Hope",
        GF,
        "AU",
        None,
        [(
            "Arts Minister",
            &["Minister for the Arts"],
            "au-arts",
            "2022-06-01",
            ""
        )]
    ),
    anchor!(
        "June May",
        "May",
        None,
        "June",
        GF,
        "GB",
        None,
        [("Director", &["director"], "bath-festival", "", "")]
    ),
    anchor!(
        "Jordan Bell",
        "Bell",
        None,
        "Jordan",
        GF,
        "US",
        None,
        [("Senator", &["Sen."], "us-senate", "2021-01-03", "")]
    ),
    anchor!(
        "Georgia Paris",
        "Paris",
        None,
        "Georgia",
        GF,
        "US",
        None,
        [("Mayor", &[], "austin-city", "2023-01-01", "")]
    ),
    anchor!(
        "Peter Major",
        "Major",
        None,
        "Peter",
        GF,
        "GB",
        None,
        [(
            "Judge",
            &["Justice", "Mr Justice Major"],
            "gb-high-court",
            "",
            ""
        )]
    ),
    anchor!(
        "Katrin Bach",
        "Bach",
        None,
        "Katrin",
        GF,
        "DE",
        None,
        [(
            "Culture Minister",
            &["Minister of State for Culture"],
            "de-culture",
            "2025-05-06",
            ""
        )]
    ),
    anchor!(
        "Daniel Long",
        "Long",
        None,
        "Daniel",
        GF,
        "US",
        None,
        [("Chief Executive", &["CEO"], "summit-media", "", "")]
    ),
    anchor!(
        "Kim Soo-jin",
        "Kim",
        None,
        "Soo-jin",
        FF,
        "KR",
        None,
        [(
            "Culture Minister",
            &["Minister of Culture, Sports and Tourism"],
            "kr-culture",
            "2024-02-01",
            ""
        )]
    ),
];

/// Organisations the anchors need: (id, name, aliases, kind, country).
const ANCHOR_ORGS: &[(&str, &str, &[&str], &str, &str)] = &[
    (
        "moit-vn",
        "Ministry of Industry and Trade",
        &["MoIT", "Trade Ministry"],
        "ministry",
        "VN",
    ),
    (
        "motie-kr",
        "Ministry of Trade, Industry and Energy",
        &["MOTIE"],
        "ministry",
        "KR",
    ),
    (
        "hcmc-committee",
        "Hồ Chí Minh City People's Committee",
        &[],
        "government",
        "VN",
    ),
    ("goerlitz-city", "City of Görlitz", &[], "city", "DE"),
    (
        "pl-regional-ministry",
        "Ministry of Development Funds and Regional Policy",
        &[],
        "ministry",
        "PL",
    ),
    ("busan-fc", "Busan Harbour FC", &[], "club", "KR"),
    (
        "japan-womens-team",
        "Japan women's national team",
        &[],
        "team",
        "JP",
    ),
    (
        "korea-womens-team",
        "South Korea women's national team",
        &[],
        "team",
        "KR",
    ),
    (
        "lagos-harbour-bank",
        "Lagos Harbour Bank",
        &["LHB"],
        "company",
        "NG",
    ),
    (
        "cbn",
        "Central Bank of Nigeria",
        &["CBN"],
        "central bank",
        "NG",
    ),
    (
        "ie-culture",
        "Department of Culture, Communications and Sport",
        &[],
        "ministry",
        "IE",
    ),
    (
        "galway-university",
        "University of Galway",
        &[],
        "university",
        "IE",
    ),
    (
        "pl-digital-ministry",
        "Ministry of Digital Affairs",
        &[],
        "ministry",
        "PL",
    ),
    (
        "se-digital-ministry",
        "Ministry of Finance (Sweden)",
        &[],
        "ministry",
        "SE",
    ),
    (
        "fr-digital-ministry",
        "Ministry for Digital Affairs (France)",
        &[],
        "ministry",
        "FR",
    ),
    (
        "sa-energy",
        "Ministry of Energy (Saudi Arabia)",
        &[],
        "ministry",
        "SA",
    ),
    (
        "jo-foreign",
        "Ministry of Foreign Affairs (Jordan)",
        &[],
        "ministry",
        "JO",
    ),
    (
        "eg-petroleum",
        "Ministry of Petroleum and Mineral Resources",
        &[],
        "ministry",
        "EG",
    ),
    (
        "co-foreign",
        "Ministry of Foreign Affairs (Colombia)",
        &["Cancillería"],
        "ministry",
        "CO",
    ),
    (
        "es-foreign",
        "Ministry of Foreign Affairs (Spain)",
        &[],
        "ministry",
        "ES",
    ),
    (
        "cz-foreign",
        "Ministry of Foreign Affairs (Czech Republic)",
        &[],
        "ministry",
        "CZ",
    ),
    (
        "cz-health",
        "Ministry of Health (Czech Republic)",
        &[],
        "ministry",
        "CZ",
    ),
    (
        "vn-embassy-prague",
        "Embassy of Việt Nam in Prague",
        &[],
        "embassy",
        "VN",
    ),
    (
        "tr-foreign",
        "Ministry of Foreign Affairs (Türkiye)",
        &[],
        "ministry",
        "TR",
    ),
    (
        "gr-foreign",
        "Ministry of Foreign Affairs (Greece)",
        &[],
        "ministry",
        "GR",
    ),
    (
        "id-fisheries",
        "Ministry of Marine Affairs and Fisheries",
        &["KKP"],
        "ministry",
        "ID",
    ),
    (
        "th-foreign",
        "Ministry of Foreign Affairs (Thailand)",
        &[],
        "ministry",
        "TH",
    ),
    (
        "mm-fisheries",
        "Ministry of Agriculture, Livestock and Irrigation (Myanmar)",
        &[],
        "ministry",
        "MM",
    ),
    (
        "ua-energy",
        "Ministry of Energy (Ukraine)",
        &[],
        "ministry",
        "UA",
    ),
    (
        "ru-foreign",
        "Ministry of Foreign Affairs (Russia)",
        &[],
        "ministry",
        "RU",
    ),
    (
        "is-government",
        "Government of Iceland",
        &[],
        "government",
        "IS",
    ),
    (
        "dk-fisheries",
        "Ministry of Food, Agriculture and Fisheries",
        &[],
        "ministry",
        "DK",
    ),
    (
        "nl-infrastructure",
        "Ministry of Infrastructure and Water Management",
        &[],
        "ministry",
        "NL",
    ),
    (
        "cn-foreign",
        "Ministry of Foreign Affairs (China)",
        &[],
        "ministry",
        "CN",
    ),
    (
        "jp-foreign",
        "Ministry of Foreign Affairs (Japan)",
        &[],
        "ministry",
        "JP",
    ),
    ("jp-cabinet", "Cabinet Secretariat", &[], "government", "JP"),
    (
        "gb-culture",
        "Department for Culture, Media and Sport",
        &["DCMS"],
        "ministry",
        "GB",
    ),
    ("au-arts", "Office for the Arts", &[], "ministry", "AU"),
    ("bath-festival", "Bath Festival", &[], "festival", "GB"),
    ("us-senate", "United States Senate", &[], "parliament", "US"),
    ("austin-city", "City of Austin", &[], "city", "US"),
    (
        "gb-high-court",
        "High Court of England and Wales",
        &[],
        "court",
        "GB",
    ),
    (
        "de-culture",
        "Federal Government Commissioner for Culture",
        &[],
        "ministry",
        "DE",
    ),
    ("summit-media", "Summit Media", &[], "company", "US"),
    (
        "kr-culture",
        "Ministry of Culture, Sports and Tourism",
        &[],
        "ministry",
        "KR",
    ),
];

/// Events the articles report, with their dates: (id, name, date, place id, participants
/// by anchor name, words).
/// An event: id, name, date, place, participants, words.
type EventRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const ANCHOR_EVENTS: &[EventRow] = &[
    (
        "vn-kr-supply-talks",
        "Việt Nam–Korea supply-chain talks",
        "2025-06-11",
        "ha-noi",
        &["Park Min-jun", "Lê Hoàng Long"],
        &["talks", "supply-chain agreement"],
    ),
    (
        "border-bridge-opening",
        "Görlitz–Zgorzelec bridge reopening",
        "2025-05-17",
        "gorlitz",
        &["Jürgen Müller", "Anna Kowalska"],
        &["reopened", "reopening"],
    ),
    (
        "digital-ministers-brussels",
        "Digital ministers' meeting",
        "2025-02-24",
        "brussels",
        &["Katarzyna Wiśniewska", "Lars Eriksson", "Élise Moreau"],
        &["ministers' meeting", "meeting"],
    ),
    (
        "gulf-energy-forum",
        "Gulf Energy Forum",
        "2025-04-15",
        "doha",
        &[
            "Omar bin Khalid al-Rashid",
            "Layla Haddad",
            "Ali Hassan al-Masri",
        ],
        &["Gulf Energy Forum", "forum"],
    ),
    (
        "bogota-madrid-visit",
        "Spanish foreign minister's visit to Bogotá",
        "2025-03-10",
        "bogota",
        &["Javier Fernández Ruiz", "María José García Márquez"],
        &["visit", "visited"],
    ),
    (
        "aegean-talks",
        "Aegean talks",
        "2025-01-29",
        "athens",
        &["Zeynep Yıldız", "Nikos Papadopoulos"],
        &["talks", "Aegean talks"],
    ),
    (
        "north-atlantic-fisheries",
        "North Atlantic fisheries summit",
        "2025-09-03",
        "torshavn",
        &["Guðrún Jónsdóttir", "Jørgen Sørensen"],
        &["fisheries summit", "summit"],
    ),
    (
        "beijing-tokyo-dialogue",
        "China–Japan high-level dialogue",
        "2025-08-28",
        "beijing",
        &["Wang Jianguo", "Hiroshi Satō"],
        &["dialogue", "high-level dialogue"],
    ),
    (
        "bath-festival-2025",
        "Bath Festival",
        "2025-05-16",
        "bath",
        &["June May", "Rose King"],
        &["festival", "opened"],
    ),
];

/// Laws the articles write about: (id, name, kind, year, aliases, parties).
/// A law: id, name, kind, year, aliases, parties.
type LawRow = (
    &'static str,
    &'static str,
    LawKind,
    i16,
    &'static [&'static str],
    &'static [&'static str],
);

const ANCHOR_LAWS: &[LawRow] = &[
    (
        "vn-kr-fta",
        "Việt Nam–Korea Free Trade Agreement",
        LawKind::Agreement,
        2015,
        &["VKFTA"],
        &["viet-nam", "south-korea"],
    ),
    ("ie-arts-act", "Arts Act", LawKind::Law, 2003, &[], &[]),
    (
        "eu-ai-act",
        "Artificial Intelligence Act",
        LawKind::Law,
        2024,
        &["AI Act"],
        &[],
    ),
    (
        "cz-healthcare-act",
        "Public Health Insurance Act",
        LawKind::Law,
        1997,
        &[],
        &[],
    ),
];

/// The table: anchors, then `n` people drawn from the traditions (by weight), seeded.
pub fn generate(n: usize, seed: u64) -> Generated {
    let mut b = Builder {
        t: Table {
            version: 1,
            ..Table::default()
        },
        ids: HashSet::new(),
        names: HashSet::new(),
        orgs: HashSet::new(),
        titles: HashSet::new(),
        rng: Rng::new(seed),
    };
    b.t.sources.push(Source {
        id: "desk".into(),
        file: "desk-notes/people.md".into(),
        publisher: Some("The Desk".into()),
        date: Some(d("2025-01-02")),
        title: Some("People we write about".into()),
    });
    for (title, aliases) in HONORIFICS {
        b.vocab(title, TitleKind::Honorific, aliases);
    }
    for (id, name, aliases, kind, country) in ANCHOR_ORGS {
        b.org(id, name, aliases, kind, country);
    }
    for (name, variants, aliases, kind, country) in PLACES {
        let id = slug(name);
        b.t.places.push(Entity {
            forms: Default::default(),
            id,
            name: name.to_string(),
            variants: variants.iter().map(|s| s.to_string()).collect(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            country: Some(country.to_string()),
            kind: Some(kind.to_string()),
            counts: vec![],
            sources: vec![],
            specs: vec![],
        });
    }

    // The anchors.
    let mut anchor_ids: Vec<(&str, String)> = Vec::new();
    for a in ANCHORS {
        let id = b.id(&slug(a.name));
        let parts = (!a.family.is_empty()).then(|| NameParts {
            family: a.family.to_string(),
            middle: a.middle.map(str::to_string),
            given: a.given.to_string(),
        });
        let mut titles = Vec::new();
        for (title, aliases, org, from, until) in a.titles {
            let kind = if RANKS.iter().any(|r| r.0 == *title) {
                TitleKind::Rank
            } else {
                TitleKind::Office
            };
            b.vocab(title, kind, &[]);
            titles.push(HeldTitle {
                forms: Default::default(),
                title: title.to_string(),
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
                organisation: Some(org.to_string()),
                from: (!from.is_empty()).then(|| d(from)),
                until: (!until.is_empty()).then(|| d(until)),
                sources: vec![SourceRef {
                    source: "desk".into(),
                    line: None,
                    quote: None,
                }],
                disputed: vec![],
            });
        }
        b.person(Person {
            forms: Default::default(),
            id: id.clone(),
            name: a.name.to_string(),
            parts,
            order: a.order,
            reference: a.reference,
            second_reference: None,
            aliases: a.aliases.iter().map(|s| s.to_string()).collect(),
            titles,
            country: Some(a.country.to_string()),
            sources: vec![],
            disputed: vec![],
            specs: vec![],
        });
        anchor_ids.push((a.name, id));
    }

    // The random people, tradition by tradition in proportion to their weights.
    let total_weight: usize = TRADITIONS.iter().map(|t| t.weight).sum();
    let mut made = 0;
    for (k, tr) in TRADITIONS.iter().enumerate() {
        let quota = if k + 1 == TRADITIONS.len() {
            n - made
        } else {
            n * tr.weight / total_weight
        };
        let (male, female, family, middle) = (
            words(tr.male),
            words(tr.female),
            words(tr.family),
            words(tr.middle.0),
        );
        let mut tries = 0;
        let mut count = 0;
        while count < quota && tries < quota * 50 {
            tries += 1;
            let female_name = b.rng.chance(45);
            let given = unspace(b.rng.pick(if female_name { &female } else { &male }));
            let country = b.rng.pick(tr.countries);
            let fam = |b: &mut Builder| -> String {
                let f = b.rng.pick(&family);
                let f = match f.split_once('/') {
                    Some((m, w)) => {
                        if female_name {
                            w
                        } else {
                            m
                        }
                    }
                    None => f,
                };
                unspace(f)
            };
            let (name, parts, order) = match tr.shape {
                Shape::FamilyFirst => {
                    let family = fam(&mut b);
                    let mid = (!middle.is_empty() && b.rng.chance(tr.middle.1))
                        .then(|| unspace(b.rng.pick(&middle)));
                    // Vietnamese women's middle name is most often Thị.
                    let mid = match (tr.countries, mid) {
                        (["VN"], Some(m)) if female_name && b.rng.chance(50) => {
                            Some(if m == "Văn" { "Thị".to_string() } else { m })
                        }
                        (["VN"], Some(m)) if !female_name && m == "Thị" => {
                            Some("Văn".to_string())
                        }
                        (_, m) => m,
                    };
                    let name = match &mid {
                        Some(m) => format!("{family} {m} {given}"),
                        None => format!("{family} {given}"),
                    };
                    (name, Some((family, mid, given)), FF)
                }
                Shape::GivenFirst => {
                    let family = fam(&mut b);
                    let mid = (!middle.is_empty() && b.rng.chance(tr.middle.1))
                        .then(|| unspace(b.rng.pick(&middle)));
                    let name = match &mid {
                        Some(m) => format!("{given} {m} {family}"),
                        None => format!("{given} {family}"),
                    };
                    (name, Some((family, mid, given)), GF)
                }
                Shape::SpanishDouble => {
                    let (f1, f2) = (fam(&mut b), fam(&mut b));
                    if f1 == f2 {
                        continue;
                    }
                    let family = format!("{f1} {f2}");
                    (format!("{given} {family}"), Some((family, None, given)), GF)
                }
                Shape::Single => (given.clone(), None, GF),
                Shape::Syllables => {
                    let list = if female_name { &female } else { &male };
                    let k = 2 + b.rng.below(2);
                    let name = (0..k)
                        .map(|_| b.rng.pick(list))
                        .collect::<Vec<_>>()
                        .join(" ");
                    (name, None, GF)
                }
                Shape::Patronymic => {
                    let father = b.rng.pick(&male);
                    let stem = patronymic_stem(father);
                    let family = format!("{stem}{}", if female_name { "sdóttir" } else { "sson" });
                    (format!("{given} {family}"), Some((family, None, given)), GF)
                }
            };
            // A real desk does hold the odd namesake; the generator does not make them by
            // chance (the anchors hold one on purpose).
            if b.names.contains(&name) {
                continue;
            }
            let id = b.id(&slug(&name));
            let mut titles = Vec::new();
            if let Some(mut first) = b.random_title(country) {
                // Some titles are dated, and some people moved from one post to another.
                if b.rng.chance(35) {
                    let year = 2015 + b.rng.below(10);
                    first.from = Some(d(&format!("{year}-{:02}-01", 1 + b.rng.below(12))));
                    if b.rng.chance(40) {
                        let until = year + 1 + b.rng.below(3);
                        first.until = Some(d(&format!("{until}-{:02}-28", 1 + b.rng.below(12))));
                        if let Some(mut next) = b.random_title(country) {
                            next.from = first.until.map(|u| Date(u.0.tomorrow().unwrap()));
                            titles.push(next);
                        }
                    }
                }
                titles.insert(0, first);
            }
            let parts = parts.map(|(family, middle, given)| NameParts {
                family,
                middle,
                given,
            });
            b.person(Person {
                forms: Default::default(),
                id,
                name,
                parts,
                order,
                reference: tr.reference,
                second_reference: None,
                aliases: vec![],
                titles,
                country: Some(country.to_string()),
                sources: vec![],
                disputed: vec![],
                specs: vec![],
            });
            count += 1;
        }
        made += count;
    }

    // Events: the anchors' own, and a hundred more among random people and places.
    let anchor_id = |name: &str| -> String {
        anchor_ids
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no anchor {name}"))
            .1
            .clone()
    };
    for (id, name, date, place, who, words) in ANCHOR_EVENTS {
        b.t.events.push(Event {
            forms: Default::default(),
            id: id.to_string(),
            name: name.to_string(),
            date: d(date),
            place: Some(place.to_string()),
            participants: who.iter().map(|w| anchor_id(w)).collect(),
            words: words.iter().map(|s| s.to_string()).collect(),
            sources: vec![],
            disputed: vec![],
            specs: vec![],
        });
    }
    let people = b.t.people.len();
    for i in 0..100 {
        let (kind, words) = EVENT_KINDS[b.rng.below(EVENT_KINDS.len())];
        let place = &b.t.places[b.rng.below(b.t.places.len())];
        let (place_id, place_name) = (place.id.clone(), place.name.clone());
        let date = format!(
            "{}-{:02}-{:02}",
            2023 + b.rng.below(3),
            1 + b.rng.below(12),
            1 + b.rng.below(28)
        );
        let k = 2 + b.rng.below(3);
        let participants: Vec<String> = (0..k)
            .map(|_| {
                b.t.people[ANCHORS.len() + b.rng.below(people - ANCHORS.len())]
                    .id
                    .clone()
            })
            .collect();
        b.t.events.push(Event {
            forms: Default::default(),
            id: format!("event-{i}"),
            name: format!("{place_name} {kind}"),
            date: d(&date),
            place: Some(place_id),
            participants,
            words: words.iter().map(|s| s.to_string()).collect(),
            sources: vec![],
            disputed: vec![],
            specs: vec![],
        });
    }

    // Laws: the anchors', and the common ones a desk writes about, each with a year.
    for (id, name, kind, year, aliases, parties) in ANCHOR_LAWS {
        b.t.laws.push(Law {
            forms: Default::default(),
            id: id.to_string(),
            name: name.to_string(),
            kind: *kind,
            year: *year,
            date: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            parties: parties.iter().map(|s| s.to_string()).collect(),
            sources: vec![],
            disputed: vec![],
            specs: vec![],
        });
    }
    for name in LAWS {
        if b.t.laws.iter().any(|l| l.name == *name) {
            continue;
        }
        b.t.laws.push(Law {
            forms: Default::default(),
            id: slug(name),
            name: name.to_string(),
            kind: LawKind::Law,
            year: 1990 + b.rng.below(35) as i16,
            date: None,
            aliases: vec![],
            parties: vec![],
            sources: vec![],
            disputed: vec![],
            specs: vec![],
        });
    }
    let names = b.names.clone();
    Generated { table: b.t, names }
}

/// The stem of an Icelandic patronymic: Jón → Jóns, Ólafur → Ólafs, Guðmundur → Guðmunds.
fn patronymic_stem(father: &str) -> String {
    let stem = father.strip_suffix("ur").unwrap_or(father);
    let stem = stem.strip_suffix('i').unwrap_or(stem);
    format!("{stem}s")
}

/// The generated table as JSON, as a desk would keep it on disk.
pub fn json(table: &Table) -> String {
    serde_json::to_string_pretty(table).unwrap()
}
