package detectors

import (
	"strings"
	"testing"
)

// proseRedacted is runTable restricted to what the default policy redacts
// (likelihood >= medium): ambiguous words may be reported as low, but must
// not reach medium without context.
func proseRedacted(t *testing.T, category Category, cases []detectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Default().Scan(tc.text) {
				if m.Category == category && m.Likelihood >= Medium {
					got = append(got, tc.text[m.Start:m.End])
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%s (>= medium) in %q: got %q, want %q", category, tc.text, got, tc.want)
			}
		})
	}
}

func TestProseReligion(t *testing.T) {
	runTable(t, Religion, []detectCase{
		{"deacon", "Deacon at First Baptist Church since 2015.", []string{"Deacon", "First Baptist Church"}},
		{"mosque", "Weekend volunteer at my mosque.", []string{"my mosque"}},
		{"devout", "A devout Catholic and keen cyclist.", []string{"devout Catholic"}},
		{"curly apostrophe", "Active Jehovah’s Witness.", []string{"Jehovah’s Witness"}},
		{"zh christian", "本人是基督徒，每周做礼拜。", []string{"基督徒", "做礼拜"}},
		{"zh buddhist", "信佛多年", []string{"信佛"}},
		{"trap dior", "Retail manager at Christian Dior, Paris", nil},
		{"trap louboutin", "Buyer for Christian Louboutin", nil},
		{"trap name", "Christian Schmidt\nSenior Software Engineer", nil},
		{"trap church street", "Office: 12 Church Street, Cambridge", nil},
		{"trap mission critical", "Ran mission-critical payment systems", nil},
		{"trap religious studies", "BA Religious Studies, University of Kent", nil},
		{"trap foshan", "佛山市顺德区美的集团 软件工程师", nil},
		{"trap harvard", "哈佛教育学院访问学者", nil},
		{"trap jiaohui", "教会学生使用实验仪器", nil},
	})
	proseRedacted(t, Religion, []detectCase{
		{"christian alone", "christian", nil},
		{"christian first person", "I am a Christian and sing in the choir.", []string{"Christian"}},
		{"church alone", "Organised the church fundraiser", nil},
		{"temple university", "Temple University, BSc 2019", nil},
	})
}

func TestProseHealth(t *testing.T) {
	runTable(t, Health, []detectCase{
		{"sick leave", "Took 6 months sick leave for cancer treatment in 2021.", []string{"sick leave", "cancer treatment"}},
		{"hiv", "I am HIV-positive and healthy.", []string{"HIV-positive"}},
		{"wheelchair", "Wheelchair user; remote work preferred.", []string{"Wheelchair user"}},
		{"zh hbv", "乙肝携带者，肝功能正常", []string{"乙肝携带者，肝功能正常"}},
		{"zh follow-up alone", "负责检测仪器的维护，确保设备控制良好", nil},
		{"zh no infectious", "身体健康，无传染病史。", []string{"身体健康", "无传染病史"}},
		{"zh blood", "本人O型血", []string{"O型血"}},
		{"trap msc", "MSc Health Informatics, UCL", nil},
		{"trap public health", "MPH Public Health, Johns Hopkins", nil},
		{"trap enrolment", "Managed employee health insurance enrolment for 400 staff", nil},
		{"trap hse", "NEBOSH certificate in occupational health and safety", nil},
		{"trap cancer research", "Data scientist at Cancer Research UK", nil},
		{"trap zh checkup", "负责员工体检安排及健康管理", nil},
		{"trap zh insurance", "销售重大疾病险产品", nil},
		{"trap disabled access", "Disabled access audits for retail estates", nil},
	})
	proseRedacted(t, Health, []detectCase{
		{"diabetes product", "Led the diabetes product team", nil},
		{"diabetes first person", "I have lived with diabetes since childhood", []string{"diabetes"}},
		{"surgery alone", "Surgery scheduling software", nil},
		{"nurse duty", "Nurse on the oncology ward; administered chemotherapy.", nil},
		{"zh nurse", "在人民医院肿瘤科担任护士，参与化疗护理", nil},
		{"zh hr leave", "负责病假、产假等考勤管理", nil},
		{"hospice volunteer", "Volunteer counsellor at a hospice, supporting families through terminal illness", nil},
	})
}

func TestProseMentalHealth(t *testing.T) {
	runTable(t, MentalHealth, []detectCase{
		{"adhd", "Diagnosed with ADHD in 2019, which taught me structure.", []string{"Diagnosed with ADHD"}},
		{"recovery", "Five years in recovery and counting.", []string{"in recovery"}},
		{"medication", "Currently on medication for anxiety.", []string{"on medication for anxiety"}},
		{"zh depression", "曾患抑郁症，已康复", []string{"曾患抑郁症，已康复"}},
		{"zh bipolar", "双相情感障碍病史", []string{"双相情感障碍"}},
		{"trap great depression", "Great Depression economics thesis", nil},
		{"trap disaster recovery", "Built disaster recovery runbooks", nil},
		{"trap recovery mode", "Database stuck in recovery mode after the outage", nil},
		{"trap zh counsellor", "国家二级心理咨询师证书", nil},
	})
	proseRedacted(t, MentalHealth, []detectCase{
		{"depression research", "Research assistant studying depression in adolescents", nil},
		{"depression personal", "I went through depression after my layoff", []string{"depression"}},
		{"therapy alone", "Therapy booking app", nil},
		{"crisis line", "Crisis line volunteer: supported callers with suicidal thoughts", nil},
		{"zh clinical trial", "负责抑郁症药物临床试验数据管理", nil},
	})
}

func TestProseFamily(t *testing.T) {
	runTable(t, Family, []detectCase{
		{"proud mom", "Proud mom of three, marathon runner.", []string{"Proud mom of three"}},
		{"married kids", "Married with two kids.", []string{"two kids"}},
		{"caring", "Career break 2019-2021 caring for my father.", []string{"caring for my father"}},
		{"zh only child", "独生子女，父亲在银行工作，母亲是教师。", []string{"独生子女", "父亲在银行工作", "母亲是教师"}},
		{"zh kids", "已育一子", []string{"已育一子"}},
		{"trap family of products", "Owned a family of products for SMB customers", nil},
		{"trap family office", "Analyst at a single-family office in Geneva", nil},
		{"trap family medicine", "Residency in Family Medicine", nil},
		{"trap zh policy", "研究独生子女政策对劳动力市场的影响", nil},
	})
}

func TestProseMaritalStatus(t *testing.T) {
	runTable(t, MaritalStatus, []detectCase{
		{"married", "Married with two kids.", []string{"Married"}},
		{"divorced", "Recently divorced and relocating.", []string{"Recently divorced"}},
		{"zh", "已婚已育，期望稳定", []string{"已婚已育"}},
		{"zh divorced", "离异，无子女", []string{"离异"}},
		{"trap sso", "Implemented single sign-on with SAML", nil},
		{"trap spa", "Built a single-page app in React", nil},
		{"trap engaged", "Engaged with stakeholders across four regions", nil},
		{"trap zh lawyer", "代理离婚纠纷案件 200 余件", nil},
	})
	proseRedacted(t, MaritalStatus, []detectCase{
		{"single alone", "Single point of contact for vendors; a single release train", nil},
		{"single personal section", "Personal Details\nSingle, non-smoker", []string{"Single"}},
		{"single first person", "I am single and happy to relocate.", []string{"single"}},
	})
}

func TestProseEthnicity(t *testing.T) {
	runTable(t, Ethnicity, []detectCase{
		{"dalit", "First-generation graduate from a Dalit family.", []string{"Dalit family"}},
		{"mixed", "I am mixed race (Jamaican and Irish).", []string{"mixed race"}},
		{"zh han", "汉族，1990年生", []string{"汉族"}},
		{"zh hui", "回族，穆斯林", []string{"回族"}},
		{"trap hamburger", "在汉堡王担任店长", nil},
		{"trap regression", "负责回归测试和自动化", nil},
		{"trap region", "籍贯：宁夏回族自治区银川市", nil},
		{"trap two groups region", "湘西土家族苗族自治州", nil},
		{"trap aquarium", "上海海洋水族馆讲解员", nil},
		{"trap hindi", "Languages: English, Hindi", nil},
	})
	proseRedacted(t, Ethnicity, []detectCase{
		{"malay language", "Languages: English, Malay, Mandarin", nil},
		{"malay personal", "I am Malay", []string{"Malay"}},
		{"dalit as a first name", "Dalit Kumar, Senior Analyst", nil},
	})
}

func TestProsePolitical(t *testing.T) {
	runTable(t, Political, []detectCase{
		{"communist party", "Member of the Communist Party since 2012.", []string{"Member of the Communist Party"}},
		{"union", "Shop steward for Unite, 2016-2020.", []string{"Shop steward"}},
		{"labour", "Member of the Labour Party and local councillor", []string{"Member of the Labour Party"}},
		{"zh award", "曾获优秀共青团员称号", []string{"共青团员"}},
		{"zh party", "政治面貌：中共党员", []string{"中共党员"}},
		{"zh league", "共青团员，校学生会主席", []string{"共青团员"}},
		{"trap third party", "Managed third-party integrations and party planning committee", nil},
		{"trap credit union", "Credit union member services lead", nil},
		{"trap political science", "BA Political Science", nil},
	})
	proseRedacted(t, Political, []detectCase{
		{"union member benefits", "Administered union member benefits", nil},
		{"zh party work", "组织党员学习活动，撰写党建材料", nil},
		{"zh hr duty", "负责公司党员发展和团员管理工作", nil},
	})
}

func TestProseProperty(t *testing.T) {
	runTable(t, Property, []detectCase{
		{"own home", "I own my home outright.", []string{"own my home"}},
		{"homeowner", "Homeowner in Leeds since 2018.", []string{"Homeowner"}},
		{"zh", "有房有车，无房贷", []string{"有房有车", "无房贷"}},
		{"trap zh real estate", "拥有房地产行业经验，有车间管理经验", nil},
		{"trap mortgage products", "Built mortgage origination software", nil},
	})
	proseRedacted(t, Property, []detectCase{
		{"zh driving", "拥有私家车驾驶经验，C1驾照", nil},
		{"zh owner", "本人有私家车", []string{"私家车"}},
	})
}

func TestProseCriminalRecord(t *testing.T) {
	runTable(t, CriminalRecord, []detectCase{
		{"none", "No criminal record; full clean licence.", []string{"No criminal record"}},
		{"zh", "无犯罪记录，可提供证明", []string{"无犯罪记录"}},
		{"convictions", "Completed DBS check; no criminal convictions", []string{"no criminal convictions"}},
		{"trap law", "LLM Criminal Law, King's College London", nil},
		{"trap checks", "Ran criminal records checks for new hires", nil},
	})
	proseRedacted(t, CriminalRecord, []detectCase{
		{"charged with", "Charged with leading the migration to AWS", nil},
		{"probation", "Passed probation early; ran on probation reviews for new joiners", nil},
	})
}

func TestProseSexualOrientation(t *testing.T) {
	runTable(t, SexualOrientation, []detectCase{
		{"openly gay", "Openly gay engineer and mentor.", []string{"Openly gay"}},
		{"zh", "本人已出柜", []string{"已出柜"}},
		{"trap colleague", "与男同事合作完成项目", nil},
		{"trap gay-lussac", "Gay-Lussac's law lab report", nil},
	})
	// Decision: being an LGBTQ+ ally, or running an employee network, is not
	// a disclosure of one's own orientation; it is reported as low only.
	proseRedacted(t, SexualOrientation, []detectCase{
		{"ally", "LGBTQ+ ally and ERG sponsor", nil},
		{"community member", "Proud member of the LGBTQ+ community", []string{"member of the LGBTQ+ community"}},
	})
}

func TestProseContext(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Likelihood // 0: no match
	}{
		{"xx christian xx", Low},
		{"I am a christian", Medium},
		{"Christian Bauer", 0},
		{"xx married xx", Medium},
		{"I am married", High},
		{"married-couple discount product", 0}, // hyphen and product: two steps down
		{"xx anxiety xx", Low},
		{"anxiety app", 0},
		{"my anxiety app", Low}, // personal and professional cancel out
		{"Hobbies\n\nchurch choir", High},
		{"Experience\n\nchurch choir", Medium},
		{"我的抑郁", Medium},
		{"负责抑郁项目", 0},
	} {
		var got Likelihood
		for _, m := range (proseDetector{}).Detect(NewInput(tc.text)) {
			got = max(got, m.Likelihood)
		}
		if got != tc.want {
			t.Errorf("%q: likelihood %v, want %v", tc.text, got, tc.want)
		}
	}
}
