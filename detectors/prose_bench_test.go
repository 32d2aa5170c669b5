package detectors

import (
	"strings"
	"testing"
)

// proseBenchResume is a made-up mixed English and Chinese resume with the
// usual blocks: contact, summary, experience, education, personal details.
const proseBenchResume = `Jane Q. Example
jane.example@example.com | +44 20 7946 0958 | 12 Church Street, Cambridge

PROFESSIONAL SUMMARY
Product-minded software engineer with eight years of experience building
single-page apps, single sign-on and third-party integrations for health
insurance and benefits platforms. Proud mom of three and keen cyclist.

EXPERIENCE
Senior Software Engineer, Cancer Research UK, London (2020 - present)
- Led a team of six building data pipelines for clinical trials; cut costs 30%.
- Managed employee health insurance enrolment tooling for 4,000 staff.
- Designed mission-critical APIs; on-call for disaster recovery drills.
Software Engineer, Christian Dior Couture, Paris (2016 - 2020)
- Built the family of products for retail clienteling; SSO across 40 stores.
- Party planning committee lead; organised the annual hackathon.

EDUCATION
MSc Health Informatics, University College London, 2016
BSc Computer Science, University of Manchester, 2015
Thesis: agent-based models of the Great Depression and economic recovery.

PERSONAL DETAILS
Married with two kids. Deacon at First Baptist Church. I own my home.
Languages: English (native), French (fluent), Hindi (conversational)

个人信息
姓名：张三    性别：男    民族：汉族    政治面貌：中共党员
婚姻状况：已婚已育    健康状况：良好，无传染病史
独生子女，父亲在银行工作，母亲是教师。有房有车。

工作经历
2018.07 - 至今  佛山市美的集团  高级软件工程师
负责回归测试平台与员工体检预约系统的设计与开发；负责员工体检安排。
2015.07 - 2018.06  汉堡王（中国）  数据分析师
主导会员数据平台建设，服务少数民族地区门店 300 余家。

教育背景
2011.09 - 2015.06  中山大学  计算机科学与技术  学士
`

func proseBenchText(size int) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(proseBenchResume)
	}
	return b.String()[:size]
}

func benchmarkProse(b *testing.B, size int, run func(string)) {
	text := proseBenchText(size)
	run(text) // build the automata outside the timer
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		run(text)
	}
}

// BenchmarkProse measures the prose detector alone, and BenchmarkProseScan the
// whole registered detector set through the scanner, on a ~5 KB resume and on
// 1 MB of the same mixed text.
func BenchmarkProse(b *testing.B) {
	detect := func(text string) { (proseDetector{}).Detect(NewInput(text)) }
	b.Run("5KB", func(b *testing.B) { benchmarkProse(b, len(proseBenchResume), detect) })
	b.Run("1MB", func(b *testing.B) { benchmarkProse(b, 1<<20, detect) })
}

func BenchmarkProseScan(b *testing.B) {
	scan := func(text string) { Default().Scan(text) }
	b.Run("5KB", func(b *testing.B) { benchmarkProse(b, len(proseBenchResume), scan) })
	b.Run("1MB", func(b *testing.B) { benchmarkProse(b, 1<<20, scan) })
}

func TestProseBenchResume(t *testing.T) {
	// The benchmark text is also a realistic end-to-end check: every trap in
	// it survives and every planted item is found.
	want := map[string]Category{
		"Proud mom of three": Family, "Married": MaritalStatus, "two kids": Family,
		"Deacon": Religion, "First Baptist Church": Religion, "own my home": Property,
		"汉族": Ethnicity, "中共党员": Political, "已婚已育": MaritalStatus, "已育": Family, "无传染病史": Health,
		"独生子女": Family, "父亲在银行工作": Family, "母亲是教师": Family, "有房有车": Property,
	}
	got := map[string]Category{}
	for _, m := range scannerOf(t, "prose").Scan(proseBenchResume) {
		if m.Detector == "prose" {
			got[proseBenchResume[m.Start:m.End]] = m.Category
		}
	}
	for s, c := range want {
		if got[s] != c {
			t.Errorf("%q: got %q, want %s", s, got[s], c)
		}
	}
	for s, c := range got {
		if want[s] != c {
			t.Errorf("unexpected %s %q", c, s)
		}
	}
}
