package detectors

import (
	"strings"
	"testing"
)

func TestStructuredAge(t *testing.T) {
	runTable(t, Age, []detectCase{
		{"age word", "Age 34, based in Leeds", []string{"34"}},
		{"aged", "Software engineer, aged 29.", []string{"29"}},
		{"years old", "I am 34 years old", []string{"34 years old"}},
		{"born in", "Born in 1990 in Pune", []string{"1990"}},
		{"born on", "born on 12 March 1990", []string{"12 March 1990"}},
		{"dob no colon", "DOB 1990-03-12", []string{"1990-03-12"}},
		{"dob us", "D.O.B. March 5, 1988", []string{"March 5, 1988"}},
		{"sui", "张三，28岁，本科", []string{"28岁"}},
		{"zhou sui", "年满30周岁", []string{"30周岁"}},
		{"born zh after", "出生于1995年6月，湖南人", []string{"1995年6月"}},
		{"born zh before", "1995年出生", []string{"1995年出生"}},
		{"born zh short", "95年生人", []string{"95年生"}},
		{"experience", "5 years of experience in Go", nil},
		{"age of experience", "Age 5+ years of experience", nil},
		{"python", "Python 3, Go 1.22", nil},
		{"child age", "a 5 years old codebase", nil},
		{"born to", "born to lead teams", nil},
		{"range", "面向18-35岁用户", nil},
		{"pt header", "Brasileira, casada, 34 anos", []string{"34 anos"}},
		{"pt idade", "Idade: 34 anos", []string{"34 anos"}},
		{"pt de idade", "Tenho 29 anos de idade.", []string{"29 anos"}},
		{"pt experience", "10 anos de experiência em Java", nil},
		{"pt ago", "Trabalhei lá há 15 anos, como analista", nil},
		{"pt range", "entre 20 e 30 anos.", nil},
		{"bare cell", "Singapore Citizen | Male | 32", []string{"32"}},
		{"bare cell zh", "张三 男 28 汉族", []string{"28"}},
		{"bare number without gender", "Go | 32 | Rust", nil},
		{"bare number in a date", "男 | 2019.06", nil},
		{"production year", "2019年生产线改造", nil},
		{"birthday year", "2020年生日会策划", nil},
		{"es anos", "Madrileña, soltera, 29 años.", []string{"29 años"}},
		{"es experience", "12 años de experiencia en banca", nil},
		{"es ago", "Me mudé hace 20 años, a Valencia", nil},
		{"fr ans", "Situation : 41 ans, marié", []string{"41 ans"}},
		{"fr experience", "Expérience : 15 ans", nil},
		{"fr since", "Je vis à Lyon depuis 18 ans.", nil},
		{"de alt", "Ich bin 33 Jahre alt.", []string{"33 Jahre"}},
		{"de experience", "Berufserfahrung: 15 Jahre", nil},
		{"de seit", "seit 20 Jahre, im Vertrieb", nil},
		{"tw sui", "女，27歲，未婚", []string{"27歲"}},
		{"tw zhou sui", "滿30週歲", []string{"30週歲"}},
		{"tw nianci", "李大同　1988年次　未婚", []string{"1988年次"}},
		{"tw roc nianci", "王小明 78年次", []string{"78年次"}},
		{"annual report", "2010年次報告撰寫", nil},
		{"pt nascida", "Nascida em 1993, em Recife", []string{"1993"}},
		{"es nacido", "Nacido el 04/05/1990 en Bilbao", []string{"04/05/1990"}},
		{"fr nee", "Née le 3 mars 1992 à Lille", []string{"3 mars 1992"}},
		{"de geboren", "geboren am 12.09.1986 in Ulm", []string{"12.09.1986"}},
		{"born company", "Nascido Digital 2020 (startup)", nil},
		{"language", "Languages 34", nil},
		{"average", "Average 34 tickets a day", nil},
	})
}

func TestStructuredPhysical(t *testing.T) {
	runTable(t, Physical, []detectCase{
		{"pair", "175cm/65kg", []string{"175cm/65kg"}},
		{"pair spaced", "身高体重 180 cm, 70 kg", []string{"180 cm, 70 kg"}},
		{"zh height", "身高175cm，体重65公斤", []string{"175cm，体重65公斤"}},
		{"en height", "Height 5'10\"", []string{"5'10\""}},
		{"height of", "Height of the season", nil},
		{"lightweight", "lightweight 20kg drone", nil},
		{"model weight", "Reduced model weight by 40%", nil},
		{"box", "a 30cm box", nil},
	})
}

func TestStructuredIM(t *testing.T) {
	runTable(t, Contact, []detectCase{
		{"wechat", "微信 zhang_san88", []string{"zhang_san88"}},
		{"wechat glued", "微信zhangsan1995", []string{"zhangsan1995"}},
		{"wechat en", "WeChat ID jane_doe", []string{"jane_doe"}},
		{"qq", "QQ 12345678", []string{"12345678"}},
		{"qq hao", "QQ号：87654321", []string{"87654321"}},
		{"wxid", "wxid_k2j3h4g5", []string{"wxid_k2j3h4g5"}},
		{"mini program", "开发微信小程序 WeChat mini-program", nil},
		{"qq music", "QQ音乐推荐算法", nil},
		{"wechat pay", "Integrated WeChat Pay and Alipay", nil},
	})
}

func TestStructuredAddress(t *testing.T) {
	runTable(t, Contact, []detectCase{
		{"uk", "221B Baker Street, London, NW1 6XE", []string{"221B Baker Street, London, NW1 6XE"}},
		{"us", "Jane Doe · 42 Oak Ave, Springfield, IL 62704 · jane@", []string{"42 Oak Ave, Springfield, IL 62704"}},
		{"flat", "Flat 3, 12 Elm Road\n", []string{"Flat 3, 12 Elm Road"}},
		{"br", "Rua das Flores, 123, apto 45", []string{"Rua das Flores, 123, apto 45"}},
		{"zh", "北京市朝阳区望京西园三区311号楼2单元1002室", []string{"北京市朝阳区望京西园三区311号楼2单元1002室"}},
		{"zh lane", "现住上海市浦东新区张江路123弄5号601室", []string{"现住上海市浦东新区张江路123弄5号601室"}},
		{"zh xiaoqu", "阳光小区3栋", []string{"阳光小区3栋"}},
		{"work city", "Shanghai, China  2019–2022", nil},
		{"prose street", "Led 5 Wall Street clients", nil},
		{"lab", "负责实验室管理和办公室行政", nil},
		{"xiaoqu job", "负责小区物业管理系统开发", nil},
		{"office", "公司地址：上海市浦东新区张江路88号1201室", nil},
		{"unit test", "编写单元测试", nil},
		{"pillar", "国家栋梁", nil},
		{"office park", "2019-2022 北京市海淀区中关村软件园3号楼 百度公司 工程师", nil},
		{"hospital", "上海市徐汇区某医院3号楼5楼", nil},
	})
}

func TestStructuredCells(t *testing.T) {
	runTable(t, Gender, []detectCase{
		{"zh header", "张三 | 男 | 28岁 | 本科", []string{"男"}},
		{"zh slash", "女 / 1995年生 / 汉族", []string{"女"}},
		{"zh alone", "李四\n男\n", []string{"男"}},
		{"en header", "Jane Doe | Female | 34 years old", []string{"Female"}},
		{"menswear", "男装品牌运营", nil},
		{"ratio", "男女比例均衡", nil},
		{"en prose", "treated male and female patients", nil},
		{"title", "Female Founders Fund, Analyst", nil},
	})
	runTable(t, MaritalStatus, []detectCase{
		{"pt header", "Brasileira, casada, 34 anos", []string{"casada"}},
		{"pt prose", "Sou casada com a tecnologia", nil},
	})
	runTable(t, Origin, []detectCase{
		{"pt header", "Brasileira, casada, 34 anos", []string{"Brasileira"}},
		{"pt prose", "empresa brasileira de software, líder", nil},
	})
	runTable(t, Origin, []detectCase{
		{"hukou cell", "男 | 28岁 | 上海户口 | 本科", []string{"上海户口"}},
		{"hukou prose", "协助员工办理上海户口申请", nil},
		{"hukou label is the label's", "户口：北京", []string{"北京"}},
	})
	runTable(t, Ethnicity, []detectCase{
		{"han", "男 | 汉族 | 中共党员", []string{"汉族"}},
		{"in prose", "汉族风格的服饰设计", nil},
	})
	runTable(t, Political, []detectCase{
		{"party", "男 | 汉族 | 中共党员", []string{"中共党员"}},
		{"weak with company", "男 群众 28岁", []string{"群众"}},
		{"weak alone", "群众", nil},
		{"in prose", "走群众路线", nil},
	})
	runTable(t, MaritalStatus, []detectCase{
		{"zh", "女 | 已婚 | 30岁", []string{"已婚"}},
		{"weak en alone", "Single", nil},
		{"weak en company", "Male | Single | 29 years old", []string{"Single"}},
	})
}

// TestStructuredData checks that every value of the values files is found
// as a cell next to an age, and not inside a longer word.
func TestStructuredData(t *testing.T) {
	for file, data := range map[string]string{"values_en.txt": labelValuesEN, "values_zh.txt": labelValuesZH, "values_pt.txt": labelValuesPT} {
		vals, err := parseLabelValues(file, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			text := "Name | " + strings.ToUpper(v.value) + " | 28岁"
			runTable(t, v.category, []detectCase{
				{file + " " + v.value, text, []string{strings.ToUpper(v.value)}},
			})
			// Glued into a word it is no cell (the prose detector may still
			// report it as a phrase).
			runTableWith(t, scannerOf(t, "structured", "label"), v.category, []detectCase{
				{file + " " + v.value + " glued", "x" + v.value + "x | 28岁", nil},
			})
		}
	}
}

func TestStructuredDataErrors(t *testing.T) {
	for _, data := range []string{"gender", "colour\tmale", "gender\tMale", "gender\tmale\tstrong", "gender\tmale\ngender\tmale"} {
		if _, err := newStructuredDetector(map[string]string{"x.txt": data}); err == nil {
			t.Errorf("%q accepted", data)
		}
	}
}

func TestStructuredCommaPhrase(t *testing.T) {
	text := "PERSONAL\nMarried, male, 41. Enjoys sailing.\n"
	runTable(t, Gender, []detectCase{
		{"phrase", text, []string{"male"}},
		{"male first", "Male, 29, single\n", []string{"Male"}},
		{"patients", "Treated male, female and paediatric patients.", nil},
		{"one category", "Patients: male, female\n", nil},
		{"other words", "Male, 29, loves hiking\n", nil},
	})
	runTable(t, Age, []detectCase{
		{"phrase", text, []string{"41"}},
		{"male first", "Male, 29, single\n", []string{"29"}},
		{"too young", "Male, 12, single\n", nil},
	})
}

func TestStructuredAddressWorkLine(t *testing.T) {
	runTable(t, Contact, []detectCase{
		{"employer", "Acme Inc, 100 Main Street, Springfield, IL 62701", nil},
		{"work dates", "Nurse — 14 Elm Road, Leeds — 2018–2022", nil},
		{"home", "Home: 14 Elm Road, Leeds LS6 2AB", []string{"14 Elm Road, Leeds LS6 2AB"}},
	})
}

func TestStructuredBareMeasures(t *testing.T) {
	runTable(t, Physical, []detectCase{
		{"height no unit", "婚否：未婚\n身高182，体重85\n", []string{"182", "85"}},
		{"myopia", "视力：近视600度", []string{"600度"}},
		{"weight share", "体重占比40%", nil},
		{"long number", "身高测量仪型号 20231105", nil},
	})
}
