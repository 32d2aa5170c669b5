package detectors

import "testing"

func TestNameLine(t *testing.T) {
	runTable(t, Name, []detectCase{
		{"en", "Jane Doe\nSoftware Engineer", []string{"Jane Doe"}},
		{"en caps with contacts", "PRIYA RAMAN | priya.r@example.com | +91 98765 43210", []string{"PRIYA RAMAN"}},
		{"after heading", "Curriculum Vitae\n\nJean-Luc O'Neil\n", []string{"Jean-Luc O'Neil"}},
		{"zh", "张伟\n男 | 28岁", []string{"张伟"}},
		{"zh compound", "欧阳娜娜\n", []string{"欧阳娜娜"}},
		{"zh and pinyin", "张伟 Zhang Wei\n", []string{"张伟", "Zhang Wei"}},
		{"zh after heading", "个人简历\n李娜\n", []string{"李娜"}},
		{"heading only", "个人简历\n\n求职意向：Java开发", nil},
		{"resume", "Resume\nObjective: a role", nil},
		{"job title", "Senior Software Engineer\nJane Doe", nil},
		{"label line", "姓名：张三", []string{"张三"}},
		{"one word", "Jane\n", nil},
		{"name and title", "Jane Doe — Software Engineer\n", []string{"Jane Doe"}},
		{"sentence", "I am a motivated engineer with 5 years of experience", nil},
		{"not first line", "Summary\nJohn Smith joined in 2019", nil},
		{"repeated in declaration", "RAHUL SHARMA\nPlace: Hyderabad   (Rahul Sharma)", []string{"RAHUL SHARMA", "Rahul Sharma"}},
		{"repeated zh", "张伟\n签名：张伟。", []string{"张伟", "张伟"}},
		{"repeat inside a word", "Jane Doe\nJane Doelittle", []string{"Jane Doe"}},
		{"heading dash name", "CURRICULUM VITAE – Marina Costa Prado\n\nDados pessoais", []string{"Marina Costa Prado"}},
		{"heading pt", "CURRÍCULO\n\nPaulo Henrique Dias\nSão Paulo", []string{"Paulo Henrique Dias"}},
		{"heading de pair", "Lebenslauf / CV\n\nJonas Albrecht\nAnschrift: x", []string{"Jonas Albrecht"}},
		{"heading mixed", "RESUME 简历\n\nName: Kevin Wu", []string{"Kevin Wu"}},
		{"heading zh with job title", "求职简历 —— 数据分析师\n\n刘洋 | 男 | 29岁", []string{"刘洋"}},
		{"heading tw with job title", "個人履歷 — 行銷企劃\n\n林雅婷（Ya-Ting Lin）", []string{"林雅婷"}},
		{"heading and title only", "简历 — 临床药师\n\n求职意向：药师", nil},
		{"malay bin", "Ahmad Faiz bin Kamarudin\nKuala Lumpur", []string{"Ahmad Faiz bin Kamarudin"}},
		{"malay binti", "Siti Hajar binti Yusof\n", []string{"Siti Hajar binti Yusof"}},
		{"tamil s/o caps", "KUMAR RAJAN s/o SELVAM\n", []string{"KUMAR RAJAN s/o SELVAM"}},
		{"dutch particle", "CURRICULUM VITAE — Anouk van der Berg\n", []string{"Anouk van der Berg"}},
		{"particle first", "de Jong\n", nil},
		{"nickname", "MICHAEL \"MIKE\" ADEYEMI\nNurse", []string{"MICHAEL \"MIKE\" ADEYEMI"}},
		{"latin then han", "Grace Lim Hui Min 林慧敏\nSingapore", []string{"Grace Lim Hui Min", "林慧敏"}},
		{"title then han", "Senior Data Engineer 数据工程师\n", nil},
		{"label repeated", "Objective: x\nName: Jane Doe\nSigned, Jane Doe", []string{"Jane Doe", "Jane Doe"}},
	})
}

func TestNameLikelihood(t *testing.T) {
	cases := []struct {
		text string
		want Likelihood
	}{
		{"Jane Doe\njane.doe@example.com", High},
		{"Jane Doe\nj.smith@example.com", Medium},
		{"张伟\n", Medium},
		{"么么\n", Low}, // no known surname: reported, not redacted
	}
	for _, c := range cases {
		ms := nameLineDetector{}.Detect(NewInput(c.text))
		if len(ms) != 1 || ms[0].Likelihood != c.want {
			t.Errorf("%q: got %+v, want one match of likelihood %v", c.text, ms, c.want)
		}
	}
}

// TestNameSurnames triggers the detector with every surname of the data
// file on a first line.
func TestNameSurnames(t *testing.T) {
	if len(nameSurnames) < 200 {
		t.Fatalf("only %d surnames", len(nameSurnames))
	}
	for s := range nameSurnames {
		text := s + "明\n"
		ms := nameLineDetector{}.Detect(NewInput(text))
		if len(ms) != 1 || ms[0].Likelihood != Medium || text[ms[0].Start:ms[0].End] != s+"明" {
			t.Errorf("%q: got %+v", text, ms)
		}
	}
}

func TestNameLineNotTitles(t *testing.T) {
	runTableWith(t, scannerOf(t, "name_line"), Name, []detectCase{
		{"pt title", "Gerente de Projetos\nAna Lima", nil},
		{"es title", "Ingeniera de Datos Senior\n", nil},
		{"fr title", "Chargée de Communication\n", nil},
		{"de title", "Projektleiter IT\n", nil},
	})
}
