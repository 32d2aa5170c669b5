package detectors

import (
	"strings"
	"testing"
)

// Tables for the kinship-clause rule ("^…"), run-on phrases in space-
// separated languages, and the family, property, political, origin,
// marital-status and gender lists in English, Chinese, Portuguese, Spanish,
// French and German. Sentences are made up for these tests.

func TestProseKinshipClause(t *testing.T) {
	runTable(t, Family, []detectCase{
		{"father clause", "Grew up in Leeds. Father was a coal miner, mother a nurse.", []string{"Father was a coal miner", "mother a nurse"}},
		{"after semicolon", "Married; husband works at the county hospital.", []string{"husband works at the county hospital"}},
		{"line start", "Parents run a bakery in Porto", []string{"Parents run a bakery in Porto"}},
		{"after my", "My sister is a lawyer in Delhi.", []string{"My sister is a lawyer in Delhi"}},
		{"bullet", "- Wife is a dentist", []string{"Wife is a dentist"}},
		{"counted children", "Two sons and one daughter, all at school.", []string{"Two sons", "one daughter"}},
		{"school-going", "Father of three school-going children", []string{"Father of three school-going children"}},
		{"maternity break", "Career gap 2019-2020: maternity break", []string{"maternity break"}},
		{"age of child", "Returned to work after my 2-year-old son started nursery.", []string{"year-old son"}},
		{"foster", "We are raising our foster daughter.", []string{"our foster daughter"}},
		{"zh husband", "丈夫在市人民医院工作，女儿三岁。", []string{"丈夫在市人民医院工作"}},
		{"zh siblings", "有一个妹妹，在读高中。", []string{"一个妹妹"}},
		{"zh grandparents help", "公婆帮忙接送孩子", []string{"公婆帮忙接送孩子"}},
		{"tw father", "父親是公務員，母親在銀行上班。", []string{"父親是公務員", "母親在銀行上班"}},
		{"tw kids", "已婚，育有一子一女", []string{"育有一子一女"}},
		{"zh marital and family", "已婚未育", []string{"未育"}},
		{"trap mid sentence", "The product's father is unknown; sister company of Acme.", nil},
		{"trap sister company", "Sister company: Acme Logistics", nil},
		{"trap step", "Wrote a step-father is-a relation in the ontology", nil},
		{"trap family business", "Grew the family business portfolio for private banking clients", nil},
		{"trap product family", "Owned a family of products; parent company merger", nil},
	})
}

func TestProseEuropeanFamilyMarital(t *testing.T) {
	runTable(t, Family, []detectCase{
		{"pt", "Casado, dois filhos. Minha esposa é médica.", []string{"dois filhos", "Minha esposa"}},
		{"es", "Tengo una hija y mi marido trabaja en Bilbao.", []string{"Tengo una hija", "mi marido"}},
		{"fr", "Mariée, deux enfants.", []string{"deux enfants"}},
		{"de", "Verheiratet, drei Kinder.", []string{"drei Kinder"}},
	})
	runTable(t, MaritalStatus, []detectCase{
		{"pt", "Solteira, sem filhos.", []string{"Solteira"}},
		{"pt union", "Vivo em união estável há seis anos.", []string{"união estável"}},
		{"es", "Soltero y con disponibilidad para viajar.", []string{"Soltero"}},
		{"fr", "Pacsé, disponible immédiatement.", []string{"Pacsé"}},
		{"de", "Geschieden, ein Kind.", []string{"Geschieden"}},
		{"trap brand", "Sommelier chez Veuve Clicquot Ponsardin", nil},
		{"trap pt idiom", "Sou casado com o código limpo", nil},
	})
}

func TestProsePropertyMore(t *testing.T) {
	runTable(t, Property, []detectCase{
		{"own house", "Own house in Pune; 5 acres of farmland.", []string{"Own house in Pune", "acres of farmland"}},
		{"flat", "HDB flat owner in Tampines.", []string{"HDB flat owner"}},
		{"loans", "Still paying $20,000 in student loans.", []string{"in student loans"}},
		{"zh name", "名下有两套住房，无贷款。", []string{"名下有两套住房", "无贷款"}},
		{"zh own car", "自有车辆，可出差", []string{"自有车辆"}},
		{"tw", "台中有自有住宅", []string{"自有住宅"}},
		{"pt", "Possuo casa própria e veículo próprio.", []string{"casa própria", "veículo próprio"}},
		{"es", "Dispongo de coche propio.", []string{"coche propio"}},
		{"de", "Eigenes Auto vorhanden.", []string{"Eigenes Auto"}},
		{"trap property management", "Property management associate for 300 rental units", nil},
		{"trap real estate", "Real estate analyst, commercial leasing", nil},
		{"trap roadmap owner", "Owner of the product roadmap and pricing", nil},
		{"trap zh vehicles", "负责车辆调度与车间安全", nil},
		{"trap student loans job", "Serviced student loans for a federal contractor", nil},
	})
}

func TestProsePoliticalMore(t *testing.T) {
	runTable(t, Political, []detectCase{
		{"party", "Canvasser and member of Plaid Cymru.", []string{"Plaid Cymru"}},
		{"india", "Active in the SFI, the CPI(M) student body.", []string{"CPI(M)"}},
		{"steward", "Elected union steward at the depot.", []string{"union steward"}},
		{"tw", "國民黨黨員，熱心公益。", []string{"國民黨黨員"}},
		{"hk union", "工會會員", []string{"工會會員"}},
		{"pt", "Filiada ao PT desde 2010; sindicalizada.", []string{"Filiada ao PT desde 2010", "sindicalizada"}},
		{"es", "Afiliado a UGT desde 2015.", []string{"Afiliado a UGT desde 2015"}},
		{"fr", "Syndiquée à la CFDT.", []string{"Syndiquée"}},
		{"de", "Gewerkschaftsmitglied (IG Metall).", []string{"Gewerkschaftsmitglied"}},
		{"trap eu", "Compliance with European Union data rules", nil},
		{"trap sets", "Proved the union of sets is associative", nil},
		{"trap negotiated", "Negotiated with the union as plant manager", nil},
		{"trap party planning", "Party planning and third-party vendor onboarding", nil},
		{"trap csu", "BS Finance, CSU Long Beach", nil},
	})
}

func TestProseOrigin(t *testing.T) {
	runTable(t, Origin, []detectCase{
		{"born in", "Born in Lagos, Nigeria; moved to London in 2005.", []string{"Born in Lagos"}},
		{"born and raised", "I was born and raised in Cork", []string{"born and raised in Cork"}},
		{"originally from", "Data engineer, originally from Recife.", []string{"originally from Recife"}},
		{"citizen", "Malaysian citizen living in Singapore.", []string{"Malaysian citizen"}},
		{"dual", "I hold dual citizenship (Canada and Ireland).", []string{"dual citizenship"}},
		{"zh born", "我出生在湖南长沙，大学在武汉。", []string{"出生在湖南长沙"}},
		{"zh hometown", "老家在山东临沂", []string{"老家在山东临沂"}},
		{"pt", "Natural de Belém, naturalizado português.", []string{"Natural de Belém", "naturalizado"}},
		{"es", "Nacida en Valparaíso.", []string{"Nacida en Valparaíso"}},
		{"fr", "Née à Dakar.", []string{"Née à Dakar"}},
		{"de", "Gebürtig aus Graz.", []string{"Gebürtig aus Graz"}},
		{"trap startup", "Joined a startup born in 2019 in Berlin", nil},
		{"trap born year", "Born in 1988.", nil},
		{"trap zh year", "出生于1992年", nil},
		{"trap zh family", "出生于一个教师家庭", nil},
		{"trap idea", "The idea was born in a hackathon", nil},
		{"trap background", "Originally from a finance background, now in data.", nil},
		{"trap gas", "Gás natural de baixo custo para a indústria", nil},
		{"born in the", "Born in the Netherlands", []string{"Born in the Netherlands"}},
		{"trap work authorization", "Work authorization: Canadian citizen, no sponsorship required", nil},
		{"trap right to work", "Right to work: yes (Irish citizen)", nil},
		{"trap authorized", "Authorized to work in the US for any employer", nil},
		{"trap us citizen", "US citizen", nil},
		{"trap university", "华侨大学 计算机系", nil},
	})
}

func TestProseGender(t *testing.T) {
	runTable(t, Gender, []detectCase{
		{"as a woman", "As a woman in robotics I mentor students.", []string{"As a woman"}},
		{"first person", "I am a woman and a veteran.", []string{"I am a woman"}},
		{"zh", "身为女性工程师", []string{"身为女性"}},
		{"trap connector", "Soldered female connectors on the harness", nil},
		{"trap patients", "Screened male and female patients", nil},
		{"trap zh", "女性健康产品线运营", nil},
	})
}

func TestProsePartners(t *testing.T) {
	runTable(t, SexualOrientation, []detectCase{
		{"after a statement", "I'm a lesbian and live in Porto with my wife and our dog.", []string{"lesbian", "my wife"}},
		{"same-sex marriage context", "We married in 2019, after same-sex marriage became law; my husband is a chef.", []string{"my husband"}},
		{"zh", "我是同性恋者，和我的伴侣住在杭州。", []string{"同性恋", "我的伴侣"}},
		{"partner alone is family only", "I moved to Leeds with my wife in 2018.", nil},
		{"far from the statement", "Queer Film Festival volunteer." + strings.Repeat(" Built data pipelines in Go and Kafka.", 20) + " Relocated with my husband.", nil},
	})
}

func TestProseHometownAndCoordinated(t *testing.T) {
	runTable(t, Origin, []detectCase{
		{"hometown 我是X人", "自我介绍：我是四川人，性格开朗。", []string{"四川"}},
		{"taiwan county", "我是花蓮人，大學在台北讀書。", []string{"花蓮"}},
		{"laojia", "老家在湖南，现居深圳。", []string{"老家在湖南"}},
		{"我是 + university", "我是北京大学毕业的工程师。", nil},
		{"我是 + non-place", "我是一个认真负责的人。", nil},
		{"dual citizen", "PERSONAL\nIrish and British citizen\n", []string{"Irish and British citizen"}},
	})
}
