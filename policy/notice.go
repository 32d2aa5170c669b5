package policy

import (
	"fmt"
	"io"
	"strings"

	"github.com/prescreen/prescreen/detectors"
)

// categoryNames are the plain-language names of the categories.
var categoryNames = map[detectors.Category]Text{
	detectors.IDNumber:          {"ID, passport and licence numbers", "身份证、护照、驾驶证等证件号码"},
	detectors.Financial:         {"bank card and account numbers", "银行卡号和账户信息"},
	detectors.Contact:           {"phone numbers, e-mail and home address", "电话、邮箱和住址"},
	detectors.Age:               {"age and date of birth", "年龄和出生日期"},
	detectors.Gender:            {"gender", "性别"},
	detectors.MaritalStatus:     {"marital status", "婚姻状况"},
	detectors.Family:            {"family (partner, children, parents)", "家庭情况（配偶、子女、父母）"},
	detectors.Religion:          {"religion and faith", "宗教信仰"},
	detectors.Health:            {"health, disabilities and medical tests", "健康状况、残疾和体检结果"},
	detectors.MentalHealth:      {"mental health", "心理健康"},
	detectors.CriminalRecord:    {"criminal record", "犯罪记录"},
	detectors.Ethnicity:         {"ethnicity, race and caste", "民族、种族"},
	detectors.Political:         {"political views and party or union membership", "政治面貌和党派、工会身份"},
	detectors.Property:          {"home, car and savings", "房产、车辆和存款"},
	detectors.Physical:          {"height, weight and appearance", "身高、体重和外貌"},
	detectors.Origin:            {"place of birth, nationality and household registration", "出生地、国籍和户籍"},
	detectors.SexualOrientation: {"sexual orientation", "性取向"},
	detectors.Name:              {"your name", "您的姓名"},
	detectors.HiddenText:        {"hidden text", "隐藏文字"},
	detectors.Photo:             {"photos", "照片"},
}

var noticeText = map[string]map[string]string{
	"en": {
		"title":    "Privacy notice for applicants",
		"contain":  "What your resume should contain",
		"containB": "Your education, work experience and skills: that is what your application is judged on.",
		"removed":  "What we remove before anyone reviews your resume, and why",
		"consent":  "What we show reviewers only with your consent",
		"consentB": "Tell us if you agree; without your recorded consent it is removed like the items above.",
		"kept":     "What reviewers see",
		"tiers":    "Who may see what",
		"general":  "General items (%s) stay inside the company.",
		"confid":   "Confidential items (%s) are seen only by HR and the hiring manager.",
		"secret":   "Secret items (%s) are seen only by a person named for that responsibility.",
		"retain":   "How long we keep your resume",
		"role":     "Role: %s",
		"footer":   "Generated from screening policy %q (%.12s). Every decision made on your resume is recorded.",
		"sep":      "; ",
		"colon":    ": ",
	},
	"zh": {
		"title":    "求职者隐私告知",
		"contain":  "简历应包含的内容",
		"containB": "您的教育背景、工作经历和技能：我们只依据这些评估您的申请。",
		"removed":  "评审前我们会删除的内容及原因",
		"consent":  "仅在您同意后才向评审人展示的内容",
		"consentB": "如您同意，请告知我们；未记录您的同意时，这些内容与上述内容一样会被删除。",
		"kept":     "评审人可以看到的内容",
		"tiers":    "谁可以看到哪些信息",
		"general":  "一般信息（%s）仅在公司内部使用。",
		"confid":   "保密信息（%s）仅人力资源部门和用人经理可见。",
		"secret":   "机密信息（%s）仅指定负责人可见。",
		"retain":   "简历的保存期限",
		"role":     "岗位：%s",
		"footer":   "本告知根据筛选策略 %q（%.12s）生成。对您简历所做的每一项处理都有记录。",
		"sep":      "；",
		"colon":    "：",
	},
}

// Notice writes the candidate-facing privacy notice for the policy (with
// its role applied, if any) in lang ("en" or "zh").
func (p *Policy) Notice(w io.Writer, lang string) error {
	t, ok := noticeText[lang]
	if !ok {
		return fmt.Errorf("no notice in %q (en or zh)", lang)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", t["title"], strings.Repeat("=", len([]rune(t["title"]))*map[string]int{"en": 1, "zh": 2}[lang]))
	if d := p.Description.In(lang); d != "" {
		fmt.Fprintf(&b, "\n%s\n", d)
	}
	if p.role != "" {
		fmt.Fprintf(&b, "\n"+t["role"]+"\n", p.Roles[p.role].Description.In(lang))
	}
	fmt.Fprintf(&b, "\n%s\n  %s\n", t["contain"], t["containB"])

	section := func(title, note string, action Action) {
		var lines []string
		for _, c := range detectors.Reported {
			if r := p.Categories[c]; r.Action == action {
				lines = append(lines, "  - "+capitalise(categoryNames[c].In(lang))+t["colon"]+r.Reason.In(lang))
			}
		}
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		if note != "" {
			fmt.Fprintf(&b, "  %s\n", note)
		}
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	section(t["removed"], "", Redact)
	section(t["consent"], t["consentB"], Consent)
	section(t["kept"], "", Keep)

	fmt.Fprintf(&b, "\n%s\n", t["tiers"])
	for _, tier := range []struct {
		tier Tier
		key  string
	}{{General, "general"}, {Confidential, "confid"}, {Secret, "secret"}} {
		var names []string
		for _, c := range detectors.Reported {
			if p.Categories[c].Tier == tier.tier {
				names = append(names, categoryNames[c].In(lang))
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "  "+t[tier.key]+"\n", strings.Join(names, t["sep"]))
		}
	}
	if r := p.Retention.In(lang); r != "" {
		fmt.Fprintf(&b, "\n%s\n  %s\n", t["retain"], r)
	}
	fmt.Fprintf(&b, "\n"+t["footer"]+"\n", p.FullName(), p.SHA256())
	_, err := io.WriteString(w, b.String())
	return err
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
