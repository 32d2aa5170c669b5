package detectors

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLabelsEnglish(t *testing.T) {
	runTable(t, MaritalStatus, []detectCase{
		{"colon", "Marital status: Married", []string{"Married"}},
		{"pipe", "Marital Status | Single", []string{"Single"}},
		{"tab cell", "Marital Status\tSingle\n", []string{"Single"}},
		{"spaces table", "Marital Status    Single", []string{"Single"}},
		{"two columns", "Gender: Male   Marital Status: Divorced", []string{"Divorced"}},
		{"ns status after", "Marital Status : Married NS Status : Completed", []string{"Married"}},
		{"bullet", "• Marital status: Married, 2 kids", []string{"Married, 2 kids"}},
		{"numbered", "3. Marital status: Single", []string{"Single"}},
		{"numbered paren", "(b) Marital status: Single", []string{"Single"}},
		{"placeholder", "Marital status: N/A", nil},
		{"empty", "Marital status:\nSkills: Go", nil},
		{"prose", "My marital status changed", nil},
	})
	runTable(t, Religion, []detectCase{
		{"pipe", "Religion | Catholic", []string{"Catholic"}},
		{"markdown row", "| Religion | Hindu |", []string{"Hindu"}},
		{"case", "RELIGION: Islam", []string{"Islam"}},
		{"unlisted label after, spaced colon", "Religion : Muslim Category : OBC", []string{"Muslim"}},
		{"hobby", "Hobbies: faith in people", nil},
	})
	runTable(t, Age, []detectCase{
		{"dob", "Date of Birth: 12 March 1990", []string{"12 March 1990"}},
		{"dob note", "Date of Birth (DD/MM/YYYY): 12/03/1990", []string{"12/03/1990"}},
		{"age", "Age: 34", []string{"34"}},
		{"language", "Language: English", nil},
		{"manage", "manage: teams", nil},
		{"average", "Average: 34", nil},
		{"manager", "Manager: Jane", nil},
		{"stage", "Stage: 3", nil},
		{"age without number", "Age: not relevant", nil},
	})
	runTable(t, Gender, []detectCase{
		{"two column", "Gender: Male   Nationality: Indian", []string{"Male"}},
		{"chained comma", "Name: Jane Doe, Sex: F, Age: 34", []string{"F"}},
		{"unlisted label after", "Gender: Male Place: Pune", []string{"Male"}},
		{"time in value", "Gender: Male at 10:30", []string{"Male at 10:30"}},
		{"sex and the city", "Hobbies: Sex and the City, hiking", nil},
		{"sex line prose", "Sex and the City fan", nil},
	})
	runTable(t, Origin, []detectCase{
		{"dash", "Nationality - Indian", []string{"Indian"}},
		{"two column", "Gender: Male   Nationality: Indian", []string{"Indian"}},
		{"ni number after", "Nationality: British NI number: JK 52 81 94 B", []string{"British"}},
		{"citizenship", "Citizenship: Singaporean", []string{"Singaporean"}},
		{"place of birth", "Place of Birth: Kochi, Kerala", []string{"Kochi, Kerala"}},
		{"work authorization", "Work authorization: Citizen", nil},
		{"authorized", "Work Authorization: Authorized to work in the US", nil},
		{"visa", "Visa status: H1-B", nil},
		{"right to work", "Right to work: Yes (British citizen)", nil},
		{"passport status", "Passport: Indian, valid", []string{"Indian, valid"}},
		{"passport number", "Passport: K1234567", nil},
	})
	runTable(t, Physical, []detectCase{
		{"height", "Height: 5'10\"", []string{"5'10\""}},
		{"height weight alias", "Height/Weight: 175 cm/70 kg", []string{"175 cm/70 kg"}},
		{"height of", "Height of the season was July", nil},
		{"adjustable", "Height-adjustable desks", nil},
		{"grading weight", "Criterion | Weight\nCode quality | 40%", nil},
		{"weight percent", "Weight: 40%", nil},
	})
	runTable(t, Health, []detectCase{
		{"blood group", "Blood group: O+", []string{"O+"}},
		{"msc", "MSc Health Informatics, 2018", nil},
		{"education", "Education: MSc Health Informatics", nil},
		{"health and safety", "Health & Safety: NEBOSH", nil},
		{"domain list", "Finance | Health | Retail", nil},
		{"skills domains", "Languages: Go, Rust | Health: FHIR, HL7 | Finance: FIX", nil},
		{"after personal label", "Blood group: B+ | Health: Good", []string{"B+", "Good"}},
		{"domain list tabs", "Finance\tHealth\tRetail", nil},
		{"markdown list", "| Finance | Health | Retail |", nil},
		{"row after a label", "Gender | Female | Health | Good", []string{"Good"}},
	})
	runTable(t, Family, []detectCase{
		{"father", "Father's occupation: Farmer", []string{"Farmer"}},
		{"curly", "Father’s Name: R. Kumar", []string{"R. Kumar"}},
	})
	runTable(t, Ethnicity, []detectCase{
		{"caste", "Caste: OBC", []string{"OBC"}},
		{"race", "Race: Chinese", []string{"Chinese"}},
		{"trace", "Trace: enabled", nil},
	})
	runTable(t, CriminalRecord, []detectCase{
		{"criminal record", "Criminal record: None", []string{"None"}},
	})
	runTable(t, Contact, []detectCase{
		{"address", "Address: 221B Baker Street, London NW1 6XE", []string{"221B Baker Street, London NW1 6XE"}},
		{"address next line", "Address:\n12 Park Lane, Leeds\nPhone: x", []string{"12 Park Lane, Leeds"}},
		{"email address", "Email address: x", nil},
	})
	runTable(t, Name, []detectCase{
		{"name", "Name: Jane Doe", []string{"Jane Doe"}},
		{"full name", "Full name: Priya Raman  Phone: 98", []string{"Priya Raman"}},
		{"project name", "Project Name: Atlas", nil},
		{"references header", "Name | Relationship | Phone", nil},
		{"references row", "Name | Relationship | Phone\nJohn Roe | Manager | +1 415 555 0100", nil},
		{"name with digits", "Name: X123", nil},
	})
}

func TestLabelsChinese(t *testing.T) {
	runTable(t, MaritalStatus, []detectCase{
		{"colon", "婚姻状况：已婚", []string{"已婚"}},
		{"ascii colon", "婚姻状况:已婚已育", []string{"已婚已育"}},
		{"prose", "他的婚姻状况很好", nil},
	})
	runTable(t, Ethnicity, []detectCase{
		{"colon", "民族：汉", []string{"汉"}},
		{"table", "| 民族 | 汉族 |", []string{"汉族"}},
		{"two column", "性别：男    民族：汉", []string{"汉"}},
		{"single space", "性别：男 民族：汉", []string{"汉"}},
		{"glued", "性别：男民族：汉族", []string{"汉族"}},
		{"aligned", "民  族：回族", []string{"回族"}},
		{"university", "中央民族大学 计算机系", nil},
		{"inside prose", "弘扬中华民族：精神", nil},
	})
	runTable(t, Gender, []detectCase{
		{"colon", "性别：男", []string{"男"}},
		{"spaced table", "性别 男 民族 汉", []string{"男"}},
		{"aligned fullwidth", "性　　别：女", []string{"女"}},
	})
	runTable(t, Political, []detectCase{
		{"colon", "政治面貌：中共党员", []string{"中共党员"}},
		{"table", "政治面貌\t共青团员", []string{"共青团员"}},
	})
	runTable(t, Origin, []detectCase{
		{"native place", "籍贯：湖南长沙", []string{"湖南长沙"}},
		{"unlisted label after", "籍贯：湖南长沙 学号：2019001", []string{"湖南长沙"}},
		{"hukou", "户口所在地：上海市", []string{"上海市"}},
		{"hukou short", "户口：北京", []string{"北京"}},
		{"birthplace", "出生地：佛山", []string{"佛山"}},
	})
	runTable(t, Physical, []detectCase{
		{"height", "身高：175cm", []string{"175cm"}},
		{"weight", "体重：60kg", []string{"60kg"}},
		{"height weight", "身高/体重：175cm/60kg", []string{"175cm/60kg"}},
	})
	runTable(t, Age, []detectCase{
		{"birth month", "出生年月：1995.06", []string{"1995.06"}},
		{"age", "年龄：28岁", []string{"28岁"}},
		{"average age", "用户平均年龄：32", nil},
		{"zh numerals", "年龄：二十八岁", []string{"二十八岁"}},
		{"project address", "项目地址：https://github.com/x/y", nil},
	})
	runTable(t, Health, []detectCase{
		{"health", "健康状况：良好", []string{"良好"}},
		{"blood", "血型：O型", []string{"O型"}},
		{"mental is not physical health", "心理健康状况：良好", nil},
	})
	runTable(t, MentalHealth, []detectCase{
		{"mental", "心理健康状况：良好", []string{"良好"}},
	})
	runTable(t, Religion, []detectCase{
		{"none is an answer", "宗教信仰：无", []string{"无"}},
		{"placeholder", "宗教信仰：/", nil},
	})
	runTable(t, CriminalRecord, []detectCase{
		{"record", "犯罪记录：无", []string{"无"}},
	})
	runTable(t, Contact, []detectCase{
		{"home address", "家庭住址：北京市海淀区中关村南大街5号", []string{"北京市海淀区中关村南大街5号"}},
		{"current", "现居住地：上海", []string{"上海"}},
		{"wechat", "微信：zhang_san88", []string{"zhang_san88"}},
		{"company address", "公司地址：上海市浦东新区", nil},
	})
	runTable(t, Name, []detectCase{
		{"name", "姓名：张三", []string{"张三"}},
		{"aligned", "姓    名：李四    性    别：男", []string{"李四"}},
		{"then mobile", "姓名：王五 手机：13812345678", []string{"王五"}},
	})
	runTable(t, Family, []detectCase{
		{"father", "父亲：教师", []string{"教师"}},
		{"only child", "是否独生子女：是", []string{"是"}},
		{"family table", "| 称谓 | 姓名 | 工作单位 |\n| 父亲 | 张建国 | 长沙某中学 |", []string{"张建国"}},
	})
}

func TestLabelsPortuguese(t *testing.T) {
	runTable(t, MaritalStatus, []detectCase{
		{"estado civil", "Estado civil: Casado", []string{"Casado"}},
		{"two columns", "Nacionalidade: Brasileira   Estado Civil: Solteira", []string{"Solteira"}},
	})
	runTable(t, Age, []detectCase{
		{"nascimento", "Data de Nascimento: 12/03/1990", []string{"12/03/1990"}},
		{"objetivo", "Objetivo: vaga de analista", nil},
	})
	runTable(t, Contact, []detectCase{
		{"endereco", "Endereço: Rua das Flores, 123 - São Paulo", []string{"Rua das Flores, 123 - São Paulo"}},
		{"company", "Nome da empresa: Acme", nil},
	})
	runTable(t, Ethnicity, []detectCase{
		{"raca cor", "Raça/Cor: Parda", []string{"Parda"}},
		{"cor in prose", "Cor favorita: azul", nil},
	})
}

func TestLabelsMixed(t *testing.T) {
	text := "姓名 Name：张三\nGender/性别：男  Nationality 国籍：中国\n"
	runTable(t, Name, []detectCase{{"bilingual", text, []string{"张三"}}})
	runTable(t, Gender, []detectCase{{"bilingual", text, []string{"男"}}})
}

// TestLabelData triggers the detector with every label of every data file on
// a synthetic "label: value" line.
func TestLabelData(t *testing.T) {
	for file, data := range map[string]string{"labels_en.txt": labelDataEN, "labels_zh.txt": labelDataZH, "labels_pt.txt": labelDataPT, "labels_eu.txt": labelDataEU} {
		lines, err := parseLabelData(file, data)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) < 40 {
			t.Fatalf("%s: only %d labels", file, len(lines))
		}
		for _, ll := range lines {
			value := "Valuex"
			if ll.number {
				value = "42 Valuex"
			}
			for _, label := range labelVariants(ll.label) {
				for _, text := range []string{label + ": " + value, strings.ToUpper(label) + "：" + value} {
					var got []Match
					for _, m := range Default().Scan(text) {
						if text[m.Start:m.End] == value && m.Detector == "label" {
							got = append(got, m)
						}
					}
					if ll.category == labelIgnore {
						if len(got) != 0 {
							t.Errorf("%s:%d: ignored label %q produced %v", file, ll.line, label, got)
						}
						continue
					}
					if len(got) != 1 || got[0].Category != Category(ll.category) || got[0].Likelihood != High {
						t.Errorf("%s:%d: %q: got %+v, want one %s match", file, ll.line, text, got, ll.category)
					}
				}
			}
		}
	}
}

func TestLabelDataErrors(t *testing.T) {
	for _, data := range []string{"age", "colour\tage", "age\tAge", "age\tage\tshout", "age\tage\nage\tage"} {
		if _, err := newLabelDetector(map[string]string{"x.txt": data}); err == nil {
			t.Errorf("%q accepted", data)
		}
	}
}

// labelBenchResume is a ~5 KB mixed English and Chinese resume with a
// personal-details block, a table, two-column lines and prose.
var labelBenchResume = func() string {
	en := `Jane Doe
jane.doe@example.com | +44 20 7946 0958 | 221B Baker Street, London, NW1 6XE

PERSONAL DETAILS
Date of Birth: 12 March 1990        Nationality: British
Gender: Female   Marital Status: Married
Religion | Catholic
Height: 170 cm   Weight: 60 kg
Languages: English (native), French (fluent), Mandarin (basic)
Work authorization: Authorized to work in the UK

SUMMARY
Senior software engineer with 9 years of experience building payment platforms.
Managed a team of 6 engineers; average delivery time improved by 30%. Passionate
about health informatics and accessible design. Manager of the internal Go guild.

EXPERIENCE
Acme Payments Ltd, London                                   2019 - present
- Led migration of the settlement engine to Go 1.22; cut p99 latency from 800 ms to 90 ms.
- Designed a rate limiter handling 40k requests per second across 3 regions.
- Mentored 5 junior engineers; ran weekly architecture reviews.
Globex Bank, Shanghai, China                                2015 - 2019
- Built the customer onboarding service (Java, Kafka, PostgreSQL).
- Owned on-call rotation for a team of 8; reduced pages by 60%.

EDUCATION
MSc Health Informatics, University College London           2014
BSc Computer Science, University of Leeds                   2012

HOBBIES
Marathon running, chess, Sex and the City re-runs, volunteering at the food bank.
`
	zh := `
张伟 Zhang Wei
男 | 28岁 | 汉族 | 中共党员 | 本科

基本信息
姓    名：张伟          性    别：男
出生年月：1995.06       民    族：汉
政治面貌：中共党员      婚姻状况：未婚
籍    贯：湖南长沙      户口所在地：上海市
身    高：175cm         体    重：65kg
健康状况：良好          宗教信仰：无
手机：13812345678      邮箱：zhangwei@example.com
微信：zhang_wei95       QQ：12345678
家庭住址：北京市朝阳区望京西园三区311号楼2单元1002室

| 项目 | 内容 |
| 民族 | 汉族 |
| 学历 | 硕士 |

求职意向
期望职位：后端开发工程师    期望城市：佛山

工作经历
2019.07 - 至今  上海某科技有限公司  高级后端工程师
负责支付清结算系统的设计与开发，使用 Go 语言重构核心服务，性能提升 5 倍。
负责员工体检安排系统的开发；负责小区物业管理系统开发；编写单元测试与回归测试。
2016.07 - 2019.06  佛山某软件公司  软件工程师
参与汉堡连锁门店的点餐系统开发，日订单量 20 万。

教育背景
2012.09 - 2016.06  中央民族大学  计算机科学与技术  本科

自我评价
热爱技术，善于沟通，具备良好的团队合作精神。
`
	s := en + zh
	for len(s) < 5000 {
		s += "Additional project: internal tooling for release management, 2018. 负责发布流程自动化。\n"
	}
	return s
}()

func benchmarkDetector(b *testing.B, d Detector, text string) {
	in := NewInput(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.Detect(in)
	}
}

func labelDetectorFor(b *testing.B, id string) Detector {
	for _, d := range All() {
		if d.ID() == id {
			return d
		}
	}
	b.Fatalf("no detector %q", id)
	return nil
}

// BenchmarkLabels measures the label detector alone on a 5 KB resume.
func BenchmarkLabels(b *testing.B) {
	benchmarkDetector(b, labelDetectorFor(b, "label"), labelBenchResume)
}

// BenchmarkLabelsStructured measures the structured-value detector.
func BenchmarkLabelsStructured(b *testing.B) {
	benchmarkDetector(b, labelDetectorFor(b, "structured"), labelBenchResume)
}

// BenchmarkLabelsScan measures a full Scan (fold, prefilter, detectors,
// merge) on the 5 KB resume and on 1 MB of resumes, with every registered
// detector ("all") and with only this family's detectors ("family").
func BenchmarkLabelsScan(b *testing.B) {
	var family []Detector
	for _, d := range All() {
		switch d.ID() {
		case "label", "structured", "name_line":
			family = append(family, d)
		}
	}
	sets := []struct {
		name string
		ds   []Detector
	}{{"all", All()}, {"family", family}}
	for _, set := range sets {
		s, err := NewScanner(set.ds)
		if err != nil {
			b.Fatal(err)
		}
		for _, copies := range []int{1, 200} {
			text := strings.Repeat(labelBenchResume, copies)
			b.Run(fmt.Sprintf("%s/%dKB", set.name, len(text)>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					s.Scan(text)
				}
			})
		}
	}
}

// TestLabelsAdversarial runs the detectors of this family over inputs built
// to make a careless implementation quadratic (long lines full of labels,
// cues and separators); a quadratic one would not finish on 256 KB.
func TestLabelsAdversarial(t *testing.T) {
	const size = 1 << 18
	units := []string{"年龄：", "age: ", "Name: x ", "性别 男 ", "| 民族 | ", "28岁", "1002室", "12 Baker Street, ", "  ", "男 | ", "出生", "微信 ", "age"}
	for _, u := range units {
		text := strings.Repeat(u, size/len(u))
		in := NewInput(text)
		for _, id := range []string{"label", "structured", "name_line"} {
			var d Detector
			for _, x := range All() {
				if x.ID() == id {
					d = x
				}
			}
			for _, m := range d.Detect(in) {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Fatalf("%s on %q*: bad span %d-%d", id, u, m.Start, m.End)
				}
			}
		}
	}
}

// TestLabelsRandomSpans feeds this family random soups of labels, cues,
// separators, CJK text and broken UTF-8: spans must stay inside the text,
// never split a rune of valid text, and never start or end with a space.
func TestLabelsRandomSpans(t *testing.T) {
	toks := []string{"年龄", "：", ":", " ", "  ", "\t", "|", "｜", "\n", "\r\n", "Age", "28岁", "男", "1995年", "出生", "生于",
		"cm", "kg", "175", "/", "-", "—", "(", "）", "微信", "QQ", "wxid_", "12345678", "Street", "12", "Baker", "室", "1002",
		"号楼", "小区", "市", "路", "Name", "姓名", "张伟", "Jane", "Doe", "x@y.com", "İ", "\xff", "\xe4\xb8", "，", "anos",
		"Rua", "Flores", ",", "户口", "Height", "5'10\"", "born", "1990", "DOB", "Sex", "Religion", "性  别", "姓　　名", "Address:\n"}
	var family []Detector
	for _, d := range All() {
		switch d.ID() {
		case "label", "structured", "name_line":
			family = append(family, d)
		}
	}
	r := rand.New(rand.NewSource(1))
	for range 5000 {
		var b strings.Builder
		for range r.Intn(30) {
			b.WriteString(toks[r.Intn(len(toks))])
		}
		text := b.String()
		in := NewInput(text)
		for _, d := range family {
			for _, m := range d.Detect(in) {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
					t.Fatalf("%s: bad span %d-%d in %q", d.ID(), m.Start, m.End, text)
				}
				v := text[m.Start:m.End]
				if utf8.ValidString(text) && !utf8.ValidString(v) || strings.TrimSpace(v) != v {
					t.Fatalf("%s: span %q in %q", d.ID(), v, text)
				}
			}
		}
	}
}

func TestLabelsEuropeanPersonal(t *testing.T) {
	runTable(t, Origin, []detectCase{
		{"de", "Geburtsort: Leipzig", []string{"Leipzig"}},
		{"de nationality", "Staatsangehörigkeit: österreichisch", []string{"österreichisch"}},
		{"es", "Lugar de nacimiento: Córdoba", []string{"Córdoba"}},
		{"fr", "Nationalité : belge", []string{"belge"}},
		{"hukou", "Hukou: Chengdu, Sichuan", []string{"Chengdu, Sichuan"}},
	})
	runTable(t, MaritalStatus, []detectCase{
		{"de", "Familienstand: ledig", []string{"ledig"}},
		{"fr", "Situation familiale : mariée", []string{"mariée"}},
	})
	runTable(t, Family, []detectCase{
		{"husband", "Husband: Ravi Kumar, civil engineer", []string{"Ravi Kumar, civil engineer"}},
		{"kinder", "Kinder: 2", []string{"2"}},
		{"father", "Father: retired bank clerk", []string{"retired bank clerk"}},
		{"trap wife in prose", "Skills: Go | Wife: n/a", nil},
	})
	runTable(t, Property, []detectCase{
		{"transport", "Own transport: yes, a motorbike", []string{"yes, a motorbike"}},
		{"trap vehicle in table", "Skills: Python | Vehicle: telemetry", nil},
	})
}

func TestLabelsEuropean(t *testing.T) {
	runTable(t, Age, []detectCase{
		{"es", "Fecha de nacimiento: 02/11/1992", []string{"02/11/1992"}},
		{"fr", "Date de naissance : 5 mars 1989", []string{"5 mars 1989"}},
		{"de", "Geburtsdatum: 14.02.1985", []string{"14.02.1985"}},
		{"nl", "Geboortedatum   3 juni 1990", []string{"3 juni 1990"}},
		{"it", "Data di nascita: 21/07/1994", []string{"21/07/1994"}},
		{"de alter no number", "Alter: spielt keine Rolle", nil},
	})
	runTable(t, Contact, []detectCase{
		{"de anschrift", "Anschrift: Lindenstraße 8, 50674 Köln", []string{"Lindenstraße 8, 50674 Köln"}},
		{"es domicilio", "Domicilio: Calle Mayor 3, 2º A, 28013 Madrid", []string{"Calle Mayor 3, 2º A, 28013 Madrid"}},
		{"fr adresse", "Adresse : 4 allée des Tilleuls, 69003 Lyon", []string{"4 allée des Tilleuls, 69003 Lyon"}},
		{"nl adres", "Adres: Prinsengracht 101, 1015 DM Amsterdam", []string{"Prinsengracht 101, 1015 DM Amsterdam"}},
	})
	runTable(t, Name, []detectCase{
		{"es nombre", "Objetivo\nNombre: Marta Gil Soto", []string{"Marta Gil Soto"}},
		{"fr nom", "Profil\nNom : Durand", []string{"Durand"}},
	})
	runTable(t, Gender, []detectCase{
		{"de geschlecht", "Geschlecht: weiblich", []string{"weiblich"}},
		{"fr sexe", "Sexe : F", []string{"F"}},
	})
}

func TestLabelsBilingualPair(t *testing.T) {
	runTable(t, Name, []detectCase{
		{"en zh", "Name 姓名: Kevin Wu / 吴凯文\n", []string{"Kevin Wu / 吴凯文"}},
		{"en slash zh", "Name / 姓名：Kevin Wu\n", []string{"Kevin Wu"}},
		{"different categories", "Name 性别: 男\n", nil},
	})
	runTable(t, Age, []detectCase{
		{"second column", "Gender 性别: Female 女        DOB 出生日期: 1993-02-17\n", []string{"1993-02-17"}},
		{"zh label then date", "出生：1990-05-06\n", []string{"1990-05-06"}},
		{"zh 出生地 is origin", "出生地：湖南长沙\n", nil},
	})
	runTable(t, Contact, []detectCase{
		{"tw address", "通訊地址：新北市板橋區文化路二段5號3樓\n", []string{"新北市板橋區文化路二段5號3樓"}},
	})
}

func TestLabelsYearOfBirth(t *testing.T) {
	runTable(t, Age, []detectCase{
		{"de jahrgang", "Jahrgang: 1987", []string{"1987"}},
		{"pt ano", "Ano de nascimento: 1990", []string{"1990"}},
	})
	runTable(t, Contact, []detectCase{
		{"pt morada", "Morada: Rua Augusta 12, 1100-053 Lisboa", []string{"Rua Augusta 12, 1100-053 Lisboa"}},
	})
}

func TestLabelsNextLine(t *testing.T) {
	runTable(t, Contact, []detectCase{
		{"address below", "Address:\n12 Baker Street, London\n", []string{"12 Baker Street, London"}},
		// A redacted PDF keeps the label and loses the value: the heading
		// below is no address.
		{"heading below an emptied field", "Address: \nSummary\nData engineer\n", nil},
	})
	runTable(t, Name, []detectCase{
		{"name below", "Name:\nMaria Lopez\n", []string{"Maria Lopez"}},
		{"heading below", "Name:\nExperience\n", nil},
	})
}

func TestLabelsValueIsNextLabel(t *testing.T) {
	// Both values removed from a PDF: the gap before the next field's
	// label is no value.
	runTable(t, Gender, []detectCase{
		{"emptied two-column line", "Gender 性别:         DOB 出生日期: \n", nil},
		{"value present", "Gender 性别: Male 男        DOB 出生日期: 1990-06-11\n", []string{"Male 男"}},
	})
}

// TestLabelsOneLineRuns covers personal-details blocks whose fields stand on
// one line after a heading or other text, as pandoc writes a plain-text
// resume's lines into one Word paragraph and as Word tables read out: every
// value is found with its category, and ends where the next label starts.
func TestLabelsOneLineRuns(t *testing.T) {
	type want map[Category][]string
	for _, tc := range []struct {
		name, text string
		want       want
	}{
		{"after a heading", "PERSONAL DETAILS Date of birth: 12 March 1990 Nationality: British NI number: JK 52 81 94 B Driving licence: Full, clean (category B) Marital status: Single",
			want{Age: {"12 March 1990"}, Origin: {"British"}, IDNumber: {"JK 52 81 94 B"}, MaritalStatus: {"Single"}}},
		{"after the name and address", "Ana Lima Rua X, 7 Nationality: Portuguese Religion: Catholic",
			want{Origin: {"Portuguese"}, Religion: {"Catholic"}}},
		{"space before the colon", "PERSONAL PARTICULARS Race : Chinese Religion : Buddhist Nationality : Singaporean Marital Status : Married NS Status : Completed",
			want{Ethnicity: {"Chinese"}, Religion: {"Buddhist"}, Origin: {"Singaporean"}, MaritalStatus: {"Married"}}},
		{"unlisted label with a space before its colon", "PERSONAL PROFILE Marital status : Married Religion : Muslim Category : OBC Blood group : B+",
			want{MaritalStatus: {"Married"}, Religion: {"Muslim"}, Health: {"B+"}}},
		{"after commas", "About me: Gender: Female, Marital status: Married, Religion: Hindu",
			want{Gender: {"Female"}, MaritalStatus: {"Married"}, Religion: {"Hindu"}}},
		{"zh at line start", "性别：男 民族：汉 婚姻状况：已婚 政治面貌：党员",
			want{Gender: {"男"}, Ethnicity: {"汉"}, MaritalStatus: {"已婚"}, Political: {"党员"}}},
		{"zh after a heading", "个人信息 性别：男 民族：汉 婚姻状况：已婚 政治面貌：党员",
			want{Gender: {"男"}, Ethnicity: {"汉"}, MaritalStatus: {"已婚"}, Political: {"党员"}}},
		{"zh after a bracketed heading", "【个人信息】 性别：女 民族：汉族 籍贯：四川成都 健康状况：良好 血型：A型",
			want{Gender: {"女"}, Ethnicity: {"汉族"}, Origin: {"四川成都"}, Health: {"良好", "A型"}}},
		// Not runs of fields: a lone weak label, and labels in prose.
		{"weak label in prose", "Led the Health: FHIR rollout; Role: lead", want{Health: nil}},
		{"lone label after prose", "Moved to Leeds in 2015 and bought a bike. Nationality: British", want{Origin: nil}},
		{"lower-case label in prose", "Checked the nationality: British per the policy; Role: auditor", want{Origin: nil}},
		// A name or an address label after another word is part of a
		// longer label, not the candidate's field.
		{"compound name label", "Client Name: Acme Retail Role: lead developer", want{Name: nil}},
		{"name after a heading", "PERSONAL DETAILS Name: Jane Doe Date of birth: 12 March 1990", want{Name: {"Jane Doe"}, Age: {"12 March 1990"}}},
		{"compound address label", "Billing Address: same as head office Role: accounts clerk", want{Contact: nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := want{}
			for _, m := range Default().Scan(tc.text) {
				if _, ok := tc.want[m.Category]; ok && m.Likelihood >= Medium {
					got[m.Category] = append(got[m.Category], tc.text[m.Start:m.End])
				}
			}
			for c, w := range tc.want {
				if strings.Join(got[c], "|") != strings.Join(w, "|") {
					t.Errorf("%s: got %q, want %q", c, got[c], w)
				}
			}
		})
	}
}

// TestLabelAutomatonOnFirstUse: the registered label detector (made at
// init, in every process) does not build its automaton until Prepare or
// its first use. A fresh test process checks it, since other tests scan.
func TestLabelAutomatonOnFirstUse(t *testing.T) {
	if os.Getenv("PRESCREEN_LABEL_CHILD") == "1" {
		var d *labelDetector
		for _, r := range registry {
			if l, ok := r.(*labelDetector); ok {
				d = l
			}
		}
		if d == nil {
			t.Fatal("no label detector registered")
		}
		if d.acTable != nil {
			t.Fatal("init built the label automaton")
		}
		Default().Scan("")
		if d.acTable != nil {
			t.Fatal("scanning an empty text built the label automaton")
		}
		Default().Prepare()
		if d.acTable == nil {
			t.Fatal("Prepare left the label automaton unbuilt")
		}
		if ms := Default().Scan("Marital status: Married\n"); len(ms) == 0 {
			t.Fatal("no label found after Prepare")
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLabelAutomatonOnFirstUse$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PRESCREEN_LABEL_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
