package detectors

import "testing"

// Table tests for the religion, health, mental health, criminal record,
// sexual orientation and ethnicity word lists and labels in English,
// Chinese (simplified and traditional), Portuguese, Spanish, French and
// German: what must be redacted (likelihood >= medium) and what must not.

func TestSensitiveReligion(t *testing.T) {
	runTable(t, Religion, []detectCase{
		// English
		{"ame church", "Trustee of Bethel AME Church in Baltimore.", []string{"AME Church"}},
		{"knights", "Treasurer, Knights of Columbus council in Dayton", []string{"Knights of Columbus"}},
		{"hijab", "I wear a hijab and coach the girls' futsal team.", []string{"wear a hijab"}},
		{"hindu temple", "Weekend cook at the local Hindu temple kitchen.", []string{"Hindu"}},
		{"named temple", "Runs the youth band at Sri Murugan Temple.", []string{"Murugan Temple"}},
		{"catechist", "Catechist for first-communion classes.", []string{"Catechist"}},
		{"mass", "I attend mass every morning before work.", []string{"attend mass"}},
		// Portuguese
		{"pt evangelica", "Evangélica, cantora no louvor.", []string{"Evangélica"}},
		{"pt igreja", "Membro da Igreja Batista Central desde 2010.", []string{"Membro da Igreja Batista"}},
		{"pt praticante", "Católica praticante e mãe de gêmeos.", []string{"Católica praticante"}},
		{"pt eucaristia", "Ministra da eucaristia aos domingos.", []string{"Ministra da eucaristia"}},
		{"pt espirita", "Espírita; voluntário em um centro espírita de Niterói.", []string{"Espírita", "centro espírita"}},
		// Spanish
		{"es parroquia", "Voluntaria en la parroquia de San Lorenzo.", []string{"Voluntaria en la parroquia"}},
		{"es catequista", "Soy catequista los sábados.", []string{"catequista"}},
		{"es testigo", "Testigo de Jehová desde la adolescencia.", []string{"Testigo de Jehová"}},
		// French
		{"fr chorale", "Je chante dans la chorale paroissiale de Vannes.", []string{"chorale paroissiale"}},
		{"fr pratiquant", "Catholique pratiquant, marié.", []string{"Catholique pratiquant"}},
		{"fr catechisme", "Animatrice de catéchisme le mercredi.", []string{"catéchisme"}},
		// German
		{"de label", "Konfession: römisch-katholisch", []string{"römisch-katholisch"}},
		{"de label ev", "Religionszugehörigkeit: ev.", []string{"ev."}},
		{"de kirchenchor", "Singe im Kirchenchor meiner Pfarrgemeinde.", []string{"Kirchenchor", "Pfarrgemeinde"}},
		// Chinese
		{"zh mass", "每周日参加弥撒。", []string{"参加弥撒"}},
		{"zh-tw mass", "週末固定望彌撒，也在教會聚會。", []string{"望彌撒", "教會聚會"}},
		{"zh beliefs", "信奉道教，常去宫观。", []string{"信奉道教"}},
		{"de muslimin", "Ich bin Muslimin und faste im Ramadan.", []string{"Muslimin", "Ramadan"}},
		{"zh-tw yiguandao", "家中信奉一貫道。", []string{"一貫道"}},
		// Traps
		{"trap dior", "Visual merchandiser, Christian Dior Couture", nil},
		{"trap church street", "Head office: 40 Church Street, Leeds", nil},
		{"trap temple bar", "Night manager at the Temple Bar Hotel, Dublin", nil},
		{"trap pt puc", "Bacharel em Direito, Pontifícia Universidade Católica de Minas Gerais", nil},
		{"trap es catolica", "Máster, Universidad Católica de Valencia", nil},
		{"trap fr rue", "Adresse du bureau : 3 rue de la Paroisse, Versailles", nil},
		{"trap de krankenhaus", "Pflegedienstleitung, Evangelisches Krankenhaus Bielefeld", nil},
		{"trap de messe", "Standbetreuung auf der Messe Frankfurt", nil},
		{"trap es parroquia", "Proyecto de agua potable en la Parroquia Tumbaco, Quito", nil},
		{"trap mass spec", "Weekly mass spectrometry runs in the core facility.", nil},
		{"trap mission critical", "Owned mission-critical billing services", nil},
	})
}

func TestSensitiveHealth(t *testing.T) {
	runTable(t, Health, []detectCase{
		// English
		{"remission", "Non-Hodgkin lymphoma in 2017; in complete remission since.", []string{"lymphoma", "in complete remission"}},
		{"hearing", "Hearing-impaired in both ears; I lip-read well.", []string{"Hearing-impaired"}},
		{"colour blind", "Red-green colour blind since birth.", []string{"Red-green colour blind"}},
		{"colour blind self", "I'm colour blind, so I label charts.", []string{"colour blind"}},
		{"g6pd", "G6PD deficiency, no restrictions at work.", []string{"G6PD deficiency"}},
		{"wheelchair", "I use a wheelchair and drive an adapted car.", []string{"use a wheelchair"}},
		{"living with", "Living with MS since 2016; hybrid work suits me.", []string{"Living with MS"}},
		{"registered blind", "Registered blind; I use a screen reader.", []string{"Registered blind"}},
		{"es tengo", "Tengo una discapacidad física reconocida.", []string{"Tengo una discapacidad"}},
		{"zh-tw mental, not health", "2018年曾患憂鬱症。", nil},
		{"sober", "Sober since 2015 and a volunteer sponsor.", []string{"Sober since"}},
		{"thalassemia", "Thalassemia minor carrier.", []string{"Thalassemia minor"}},
		// Portuguese
		{"pt inss", "2022: afastada pelo INSS por 8 meses.", []string{"afastada pelo INSS"}},
		{"pt pcd", "Pessoa com deficiência auditiva, uso aparelho.", []string{"Pessoa com deficiência auditiva"}},
		{"pt cadeirante", "Cadeirante desde 2012.", []string{"Cadeirante"}},
		// Spanish
		{"es baja", "Baja médica de cuatro meses en 2020.", []string{"Baja médica"}},
		{"es discapacidad", "Certificado de discapacidad del 45 %.", []string{"Certificado de discapacidad del"}},
		// French
		{"fr arret", "2019 : arrêt maladie de six mois.", []string{"arrêt maladie"}},
		{"fr rqth", "Titulaire de la RQTH, travailleur handicapé.", []string{"travailleur handicapé"}},
		{"fr label", "Casier judiciaire : vierge\nÉtat de santé : diabétique", []string{"diabétique"}},
		// German
		{"de gdb", "Schwerbehindert, GdB 60.", []string{"Schwerbehindert", "GdB 60"}},
		{"de label", "Schwerbehinderung: GdB 30", []string{"GdB 30"}},
		{"de krank", "2021 sechs Monate krankgeschrieben (Bandscheibenvorfall).", []string{"krankgeschrieben", "Bandscheibenvorfall"}},
		// Chinese
		{"zh insulin", "每天注射胰岛素，血糖控制良好。", []string{"注射胰岛素，血糖控制良好"}},
		{"zh surgery", "2019年因腰椎间盘突出开刀，已康复。", []string{"椎间盘突出开刀，已康复"}},
		{"zh blood type", "爱好篮球；血型为AB型。", []string{"血型为AB型"}},
		{"zh-tw hbv", "B肝帶原者，定期追蹤。", []string{"B肝帶原者"}},
		{"zh-tw card", "持有身心障礙手冊（輕度）。", []string{"身心障礙手冊"}},
		{"zh-tw sick leave", "去年因病請假一個月。", []string{"因病請假"}},
		// Traps: duties, degrees, products.
		{"trap colour audit", "Led a colour blind accessibility audit of the design system.", nil},
		{"trap living with", "Care coordinator for patients living with cancer.", nil},
		{"trap pt rh", "Técnica de enfermagem no setor de quimioterapia.", nil},
		{"trap zh nurse", "心内科护士，负责心脏支架术后护理。", nil},
		{"trap counselled", "Counselled pregnant teenagers on nutrition at the clinic.", nil},
		{"trap insulin research", "Postdoc: research on insulin resistance in mice", nil},
		{"trap informatics", "MSc Health Informatics, University of Leeds", nil},
		{"trap enrolment", "Managed employee health insurance enrolment for 3,000 staff", nil},
		{"trap colour palette", "Designed colour-blind-friendly chart palettes", nil},
		{"trap pt cnh", "Portador de CNH categoria B.", nil},
		{"trap pt gestantes", "Atendimento a gestantes no posto de saúde.", nil},
		{"trap es operado", "Sistema operado de forma remota desde Madrid.", nil},
		{"trap zh exam", "负责员工体检安排与健康档案", nil},
		{"trap zh lab", "负责血型鉴定和交叉配血", nil},
		{"trap zh policy", "参与因病致贫人口帮扶政策调研", nil},
		{"trap tw or", "開刀房護理師，負責術前準備", nil},
		{"trap de gdb tool", "GDB | Valgrind | perf", nil},
	})
}

func TestSensitiveMentalHealth(t *testing.T) {
	runTable(t, MentalHealth, []detectCase{
		{"adhd-er", "Proud ADHD-er who loves a checklist.", []string{"ADHD-er"}},
		{"burnout", "Took time off after burnout; recovering from burnout taught me limits.", []string{"recovering from burnout"}},
		{"diagnosed gad", "Diagnosed with generalized anxiety disorder at 25.", []string{"Diagnosed with generalized anxiety disorder"}},
		{"neurodivergent self", "I am neurodivergent and work best with clear specs.", []string{"neurodivergent"}},
		{"pt", "Faço acompanhamento psicológico semanal.", []string{"acompanhamento psicológico"}},
		{"es", "En tratamiento psiquiátrico por trastorno bipolar.", []string{"tratamiento psiquiátrico", "trastorno bipolar"}},
		{"fr", "Suivi psychiatrique depuis 2018 pour un trouble anxieux.", []string{"Suivi psychiatrique", "trouble anxieux"}},
		{"de", "Seit 2020 in psychotherapeutischer Behandlung wegen einer Angststörung.", []string{"psychotherapeutischer Behandlung", "Angststörung"}},
		{"zh counselling", "研究生期间定期心理咨询，现已稳定。", []string{"定期心理咨询"}},
		{"zh-tw depression", "2018年曾患憂鬱症。", []string{"曾患憂鬱症"}},
		{"zh-tw panic", "曾患恐慌症，目前狀況穩定。", []string{"曾患恐慌症"}},
		{"zh-tw adhd", "小時候被診斷為過動症。", []string{"過動症"}},
		// Traps
		{"trap advocate", "Speaker and advocate for neurodivergent students.", nil},
		{"trap great depression", "Thesis on bank runs in the Great Depression", nil},
		{"trap counsellor job", "心理咨询师，负责来访者评估", nil},
		{"trap psychiatry ward", "精神科护士，负责病房管理", nil},
	})
}

func TestSensitiveCriminalRecord(t *testing.T) {
	runTable(t, CriminalRecord, []detectCase{
		{"adverse", "Background verified by police; no adverse record found.", []string{"no adverse record"}},
		{"cases", "No criminal cases against me in any court.", []string{"No criminal cases"}},
		{"dbs label", "Enhanced DBS: clear, on the update service", []string{"clear, on the update service"}},
		{"dbs prose", "Clear enhanced DBS (2024).", []string{"Clear enhanced DBS"}},
		{"jail", "Spent time in prison in my twenties and turned my life around.", []string{"Spent time in prison"}},
		{"former inmate", "Former inmate; now a peer mentor.", []string{"Former inmate"}},
		{"pt", "Certidão de antecedentes criminais: nada consta", []string{"nada consta"}},
		{"pt prose", "Sem antecedentes criminais.", []string{"Sem antecedentes criminais"}},
		{"es", "Certificado de antecedentes penales sin anotaciones.", []string{"Certificado de antecedentes penales"}},
		{"fr", "Extrait de casier judiciaire vierge disponible.", []string{"Extrait de casier judiciaire vierge"}},
		{"de", "Erweitertes Führungszeugnis liegt vor; nicht vorbestraft.", []string{"Erweitertes Führungszeugnis", "nicht vorbestraft"}},
		{"zh-tw", "可提供良民證。", []string{"良民證"}},
		{"zh-tw record", "本人無犯罪紀錄。", []string{"無犯罪紀錄"}},
		// Traps
		{"trap paralegal", "Paralegal handling drug offence cases at the magistrates' court.", nil},
		{"trap credit", "Analista de crédito: consulta de nada consta no Serasa.", nil},
		{"trap dbs bank", "DBS | Relationship Manager | 2019 – 2023", nil},
		{"trap duty", "Ran criminal records checks for new volunteers", nil},
		{"trap police verification duty", "Coordinated police verification for 300 new hires", nil},
		{"trap justice involved", "Case manager for justice-involved youth", nil},
		{"trap driving", "Clean driving record", nil},
	})
}

func TestSensitiveSexualOrientation(t *testing.T) {
	runTable(t, SexualOrientation, []detectCase{
		{"gay man", "As a gay man in finance, I mentor first-generation students.", []string{"As a gay man"}},
		{"erg", "Co-chair of our LGBTQ+ employee resource group.", []string{"LGBTQ+ employee resource group"}},
		{"pt", "Sou bissexual e casada com a Júlia.", []string{"Sou bissexual"}},
		{"pt lesbica", "Lésbica, militante pelos direitos LGBT.", []string{"Lésbica"}},
		{"es", "Soy lesbiana y vivo en Valencia.", []string{"Soy lesbiana"}},
		{"fr", "Ouvertement gay, engagé dans une association.", []string{"Ouvertement gay"}},
		{"bi", "Bi woman, cyclist, amateur potter.", []string{"Bi woman"}},
		{"de", "Ich bin schwul und lebe in Köln.", []string{"schwul"}},
		{"zh-tw", "我是同志，和伴侶同住。", []string{"我是同志"}},
		{"zh-tw partner", "已與同性伴侶登記結婚。", []string{"同性伴侶"}},
		// Traps
		{"trap hr charter", "Drafted the LGBTQ+ network charter as HR lead.", nil},
		{"trap ally", "LGBTQ+ ally and mentor", nil},
		{"trap gay-lussac", "Applied the Gay-Lussac law in lab reports", nil},
		{"trap comrade", "党支部女同志座谈会组织者", nil},
	})
}

func TestSensitiveEthnicity(t *testing.T) {
	runTable(t, Ethnicity, []detectCase{
		{"hyphenated", "Korean-American engineer based in Seattle.", []string{"Korean-American"}},
		{"british", "British Nigerian, raised in Peckham.", []string{"British Nigerian"}},
		{"family", "Grew up in a Gujarati family in Leicester.", []string{"Gujarati family"}},
		{"woman of colour", "As a woman of colour in engineering, I mentor interns.", []string{"woman of colour"}},
		{"obc", "Caste category: OBC", []string{"OBC"}},
		{"obc ncl", "Belongs to OBC-NCL; certificate available.", []string{"OBC-NCL"}},
		{"bumiputera label", "Bumiputera status: No", []string{"No"}},
		{"sg dialect", "Dialect group: Teochew", []string{"Teochew"}},
		{"sg", "Malaysian Chinese, based in Johor Bahru.", []string{"Malaysian Chinese"}},
		{"black woman", "As a Black woman in fintech, I run a mentoring circle.", []string{"As a Black woman"}},
		{"brahmin", "Raised in a Tamil Brahmin household.", []string{"Tamil Brahmin"}},
		{"pt", "Mulher negra, primeira da família na universidade.", []string{"Mulher negra"}},
		{"pt parda", "Parda, 29 anos.", []string{"Parda"}},
		{"es", "Afrodescendiente, nacida en Cartagena.", []string{"Afrodescendiente"}},
		{"fr", "D'origine marocaine, j'ai grandi à Lille.", []string{"D'origine marocaine"}},
		{"de", "Deutsche mit Migrationshintergrund.", []string{"Migrationshintergrund"}},
		{"zh-tw hakka", "我是桃園客家人。", []string{"客家人"}},
		{"zh-tw indigenous", "阿美族，來自花蓮。", []string{"阿美族"}},
		{"zh-tw label", "族群：閩南", []string{"閩南"}},
		// Traps: languages are not ethnicity.
		{"trap languages", "Languages: Hindi, Bengali, English", nil},
		{"trap tamil", "Fluent in Tamil and English", nil},
		{"trap black box", "Pruebas de caja negra y caja blanca", nil},
		{"trap obc engineering", "Validated OBC firmware for 11 kW chargers", nil},
		{"trap sc/st", "Ran the SC/ST welfare cell scholarship drive", nil},
		{"trap council", "原住民族委員會 約聘專員", nil},
		{"trap cuisine", "熟悉客家菜與閩南料理", nil},
	})
}
