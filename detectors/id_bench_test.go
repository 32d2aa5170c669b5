package detectors

import (
	"strings"
	"testing"
)

// idBenchDense is mixed text with numbers of every kind on every line, far
// denser in numbers than a resume: a worst case for these detectors, all of
// which run on it (their keywords occur).
var idBenchDense = strings.Repeat(`张三 | 手机：13812345678 | 邮箱 zhang@example.com | 身份证号：110102199101010078
2015.09-2019.06 北京大学 计算机科学 学士；2019.07-至今 软件工程师，负责订单系统 (订单号 4539578763621486)。
Passport No. E12345678, Driving licence D1234567. SSN 536-90-4399. Aadhaar 2341 2341 2346. NRIC S6859080I.
Bank account: 0123 4567 8901, IBAN GB29 NWBK 6016 1331 9268 19, card 4539 5787 6362 1486, 开户行：招商银行。
Led a team of 12 engineers, shipped 3 products, improved latency by 35% in 2021; revenue +1,200,000 USD.
`, 1)

// idBenchResume is resume-like mixed text: one personal-details block with
// a phone number, an ID and a passport number, then work history with dates
// and figures.
var idBenchResume = `张三 | 手机：13812345678 | 邮箱 zhang@example.com | 身份证号：110102199101010078 | Passport No. E12345678
` + strings.Repeat(`2019.07-至今 某某科技有限公司 高级软件工程师：负责订单系统和支付网关的设计与开发，带领 6 人团队，
将核心接口延迟从 120ms 降到 35ms，年交易额超过 1,200,000 元；主导迁移到 Kubernetes，维护 30 多个微服务。
2015.09-2019.06 Peking University, B.Sc. Computer Science. Led a team of 12 engineers, shipped 3 products,
improved latency by 35% in 2021 and cut cloud costs by $250,000 a year; mentored interns; on-call rotation.
`, 8)

func benchmarkIDDetectors(b *testing.B, text string) {
	var ds []Detector
	for _, d := range All() {
		switch d.ID() {
		case "email", "cn_mobile", "phone":
		default:
			ds = append(ds, d)
		}
	}
	s, err := NewScanner(ds)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Scan(text)
	}
}

// BenchmarkIDDetectors measures the id_number and financial detectors alone
// (without the contact detectors) on a 5 KB resume, on 1 MB of resumes, and
// on 1 MB of text dense with numbers.
func BenchmarkIDDetectors(b *testing.B) {
	b.Run("resume5KB", func(b *testing.B) { benchmarkIDDetectors(b, idBenchResume) })
	b.Run("resume1MB", func(b *testing.B) { benchmarkIDDetectors(b, strings.Repeat(idBenchResume, 1<<20/len(idBenchResume)+1)) })
	b.Run("dense1MB", func(b *testing.B) { benchmarkIDDetectors(b, strings.Repeat(idBenchDense, 1<<20/len(idBenchDense)+1)) })
}
