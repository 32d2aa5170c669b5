package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prescreen/prescreen/detectors"
)

func match(c detectors.Category, l detectors.Likelihood) detectors.Match {
	return detectors.Match{Category: c, Likelihood: l, Detector: "test"}
}

func TestDefault(t *testing.T) {
	p := Default()
	for _, tc := range []struct {
		m    detectors.Match
		want bool
	}{
		{match(detectors.Religion, detectors.High), true},
		{match(detectors.Religion, detectors.Low), false}, // below min_likelihood: reported, kept
		{match(detectors.MaritalStatus, detectors.Medium), true},
		{match(detectors.Name, detectors.Certain), false},
		{match(detectors.Photo, detectors.Certain), true},
		{match("unknown", detectors.High), true},
	} {
		if got := p.Redacts(tc.m); got != tc.want {
			t.Errorf("Redacts(%s, %s) = %v, want %v", tc.m.Category, tc.m.Likelihood, got, tc.want)
		}
	}
	if p.NeutralNames() || !Blind().NeutralNames() || Blind().Redacts(match(detectors.Name, detectors.High)) != true {
		t.Error("blind policy does not redact names")
	}
	if a, b := p.SHA256(), Default().SHA256(); a != b || len(a) != 64 || a == Blind().SHA256() {
		t.Errorf("SHA256: %q %q", a, b)
	}
}

// edit loads the default policy file with one line changed.
func edit(t *testing.T, old, new string) (*Policy, error) {
	t.Helper()
	s := string(defaultYAML)
	if !strings.Contains(s, old) {
		t.Fatalf("default.yaml has no %q", old)
	}
	path := filepath.Join(t.TempDir(), "policy.yaml")
	os.WriteFile(path, []byte(strings.Replace(s, old, new, 1)), 0o600)
	return Load(path)
}

// TestOneLineChanges shows that changing one line of the policy file
// changes what is redacted, for each action.
func TestOneLineChanges(t *testing.T) {
	religion := match(detectors.Religion, detectors.High)
	p, err := edit(t, "  religion:\n    action: redact", "  religion:\n    action: keep")
	if err != nil || p.Redacts(religion) || !Default().Redacts(religion) {
		t.Fatalf("keep religion: %v", err)
	}
	if p.SHA256() == Default().SHA256() {
		t.Error("policy hash ignores the change")
	}
	name := match(detectors.Name, detectors.High)
	if p, err = edit(t, "  name:\n    action: keep", "  name:\n    action: redact"); err != nil || !p.Redacts(name) || !p.NeutralNames() {
		t.Fatalf("redact name: %v", err)
	}
	// consent: redacted without a record, kept with one.
	gender := match(detectors.Gender, detectors.High)
	if p, err = edit(t, "  gender:\n    action: redact", "  gender:\n    action: consent"); err != nil {
		t.Fatal(err)
	}
	if r, used := p.Decide(gender, nil); !r || used {
		t.Error("consent without a record: kept")
	}
	if r, used := p.Decide(gender, func(c detectors.Category) bool { return c == detectors.Gender }); r || !used {
		t.Error("consent with a record: still redacted")
	}
	if r, _ := p.Decide(gender, func(c detectors.Category) bool { return c == detectors.Age }); !r {
		t.Error("consent for another category let gender pass")
	}
	// min_likelihood
	if p, err = edit(t, "min_likelihood: medium", "min_likelihood: high"); err != nil || p.Redacts(match(detectors.Religion, detectors.Medium)) {
		t.Fatalf("min_likelihood high: %v", err)
	}
}

func TestRoles(t *testing.T) {
	p := Default()
	physical := match(detectors.Physical, detectors.High)
	q, err := p.WithRole("physical-requirement")
	if err != nil || q.Redacts(physical) || !p.Redacts(physical) || q.FullName() != "default/physical-requirement" || q.SHA256() == p.SHA256() {
		t.Fatalf("physical-requirement role: %v", err)
	}
	d, _ := p.WithRole("driver")
	licence := detectors.Match{Category: detectors.IDNumber, Detector: "driving_licence_number", Likelihood: detectors.High}
	resident := detectors.Match{Category: detectors.IDNumber, Detector: "cn_resident_id", Likelihood: detectors.Certain}
	if d.Redacts(licence) || !d.Redacts(resident) || !p.Redacts(licence) {
		t.Error("driver role: the licence number must pass, the resident ID must not")
	}
	if _, err := p.WithRole("astronaut"); err == nil || !strings.Contains(err.Error(), "driver") {
		t.Errorf("unknown role: %v", err)
	}
}

func TestAllowDeny(t *testing.T) {
	p, err := edit(t, "allow: []\ndeny: []", "allow: [Christian Brothers Ltd]\ndeny:\n  - {term: Project Falcon, category: family}")
	if err != nil {
		t.Fatal(err)
	}
	text := "Worked at CHRISTIAN BROTHERS LTD on project falcon."
	deny, allow := p.Terms(text)
	if len(deny) != 1 || text[deny[0].Start:deny[0].End] != "project falcon" || deny[0].Category != detectors.Family {
		t.Errorf("deny = %+v", deny)
	}
	rel := detectors.Match{Category: detectors.Religion, Start: strings.Index(text, "CHRISTIAN"), End: strings.Index(text, "CHRISTIAN") + 9}
	if len(allow) != 1 || !Allowed(rel, allow) || Allowed(deny[0], allow) {
		t.Errorf("allow = %v", allow)
	}
}

// TestValidation checks that broken policies fail with the file, line and
// field named.
func TestValidation(t *testing.T) {
	// The line of the religion rule's first field in default.yaml.
	line := strings.Count(string(defaultYAML[:strings.Index(string(defaultYAML), "  religion:\n")]), "\n") + 2
	for _, tc := range []struct{ old, new, want string }{
		{"  religion:\n    action: redact", "  religion:\n    action: hide", fmt.Sprintf(":%d: categories", line) + ".religion.action: \"hide\" is not redact, keep or consent"},
		{"  religion:\n    action: redact", "  religon:\n    action: redact", "categories.religon: unknown category"},
		{"      en: Faith and religious practice are unrelated to the job.\n", "", fmt.Sprintf(":%d: categories.religion.reason.en: missing", line)},
		{"  gender:\n    action: redact\n    tier: general", "  gender:\n    action: redact\n    tier: public", "categories.gender.tier: \"public\" is not general"},
		{"min_likelihood: medium", "min_likelihood: sometimes", "unknown likelihood"},
		{"min_likelihood: medium", "min_likelyhood: medium", "unknown field \"min_likelyhood\""},
		{"name: default", "name: [unclosed", "policy "},
		{"deny: []", "deny: [{term: x, category: hobby}]", "deny[0].category: unknown"},
	} {
		_, err := edit(t, tc.old, tc.new)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "policy.yaml") {
			t.Errorf("%q → %q: err = %v, want it to contain %q", tc.old, tc.new, err, tc.want)
		}
	}
	// A category without a rule.
	s := strings.Replace(string(defaultYAML), "  photo:\n    action: redact\n    tier: general\n", "  xphoto_removed:\n    action: redact\n    tier: general\n", 1)
	if _, err := Parse("p.yaml", []byte(strings.Replace(s, "xphoto_removed", "photo_gone", 1))); err == nil || !strings.Contains(err.Error(), "unknown category") {
		t.Errorf("renamed category: %v", err)
	}
}

func TestConsents(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "c.csv")
	os.WriteFile(csvPath, []byte("reference,category,granted_at\nzhang-wei,marital_status,2026-11-01\n"), 0o600)
	jsonPath := filepath.Join(dir, "c.json")
	os.WriteFile(jsonPath, []byte(`[{"sha256":"ABC","category":"gender","granted_at":"2026-11-02T10:00:00Z"}]`), 0o600)
	c, err := LoadConsents(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	got := c.For("x", "zh/zhang-wei.txt")
	if r, ok := got[detectors.MaritalStatus]; !ok || !r.GrantedAt.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) || len(c.For("x", "zh/li-na.txt")) != 0 {
		t.Errorf("CSV consents: %+v", got)
	}
	j, err := LoadConsents(jsonPath)
	if err != nil || len(j.For("abc", "")) != 1 {
		t.Errorf("JSON consents: %v", err)
	}
	os.WriteFile(csvPath, []byte("reference,category,granted_at\nx,hobby,2026-11-01\n"), 0o600)
	if _, err := LoadConsents(csvPath); err == nil {
		t.Error("unknown category accepted")
	}
}

func TestNotice(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"Privacy notice for applicants", "  - Religion and faith: Faith and religious practice are unrelated to the job.", "What we show reviewers only with your consent", "  - Marital status:", "What reviewers see\n  - Your name:", "Secret items (mental health; criminal record)", "archived for 180 days"}},
		{"zh", []string{"求职者隐私告知", "  - 宗教信仰：", "仅在您同意后才向评审人展示的内容", "机密信息（心理健康；犯罪记录）", "存档 180 天后销毁"}},
	} {
		var b strings.Builder
		if err := Default().Notice(&b, tc.lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s notice lacks %q:\n%s", tc.lang, w, b.String())
			}
		}
	}
	p, _ := Default().WithRole("physical-requirement")
	var b strings.Builder
	p.Notice(&b, "en")
	if !strings.Contains(b.String(), "Role: Role with a lawful physical requirement") || !strings.Contains(b.String(), "What reviewers see\n  - Height, weight and appearance: This role has a lawful") {
		t.Errorf("role notice:\n%s", b.String())
	}
	if err := Default().Notice(&b, "fr"); err == nil {
		t.Error("unknown language accepted")
	}
}
