package russian

import (
	"strings"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// roleStems are the stems of nouns that name a position ("министр",
// "госсекретарь") and of adjectives that are part of one ("государственный").
var roleStems = []string{
	"президент", "вице-президент", "экс-президент", "госсекретар", "секретар", "пресс-секретар",
	"министр", "замминистр", "премьер", "премьер-министр", "вице-премьер", "глав", "замглав",
	"председател", "зампред", "сопредседател", "посол", "представител", "спикер", "вице-спикер",
	"советник", "помощник", "директор", "гендиректор", "руководител", "губернатор", "мэр", "аким",
	"депутат", "сенатор", "конгрессмен", "канцлер", "лидер", "генсек", "заместител", "координатор",
	"начальник", "командующ", "командир", "генерал", "полковник", "прокурор", "генпрокурор",
	"судь", "адвокат", "следовател", "омбудсмен", "уполномоченн", "комиссар", "консул",
	"эксперт", "аналитик", "политолог", "экономист", "журналист", "корреспондент", "редактор",
	"главред", "обозревател", "основател", "владел", "совладел", "учредител", "акционер",
	"бизнесмен", "предпринимател", "миллиардер", "олигарх", "тренер", "игрок", "капитан",
	"чемпион", "гроссмейстер", "шахматист", "актер", "актрис", "певец", "певиц", "режиссер",
	"писател", "поэт", "ученый", "ученого", "профессор", "академик", "ректор", "декан",
	"патриарх", "митрополит", "епископ", "священник", "муфти", "король", "королев", "принц",
	"принцесс", "шейх", "эмир", "султан", "монарх", "император", "генеральн", "государственн",
	"специальн", "официальн", "исполнительн", "верховн", "чрезвычайн", "полномочн",
	"постоянн", "перв", "бывш", "нынешн", "действующ", "временно", "главн", "старш", "член",
	"сотрудник", "активист", "правозащитник", "оппозиционер", "кандидат", "мэра", "вице-мэр",
	"атташе", "дипломат", "спецпредставител", "спецпосланник", "посланник", "госсоветник",
	"архитектор", "художник", "композитор", "музыкант", "продюсер", "космонавт", "астронавт",
	"врач", "хирург", "инженер", "конструктор", "пилот", "летчик", "управляющ", "президентом",
	"защитник", "нападающ", "полузащитник", "вратар", "голкипер", "форвард", "солист", "фотограф",
	"наблюдател", "докладчик", "полпред", "худрук", "вице-губернатор", "генконсул", "лауреат",
	"художественн", "исполняющ", "научн", "заведующ", "зав",
}

// nounEndings are case endings of nouns and adjectives that may follow a stem.
var nounEndings = setOf("", "а", "я", "у", "ю", "ом", "ем", "ой", "ей", "е", "и", "ы", "ь", "ов",
	"ев", "ам", "ям", "ами", "ями", "ах", "ях", "ью", "ый", "ий", "ого", "его", "ому", "ему",
	"ым", "им", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими", "ою", "ею", "ья", "ьи", "ье", "ьей")

// IsRoleWord reports whether w is a word of a position ("Госсекретарь",
// "министра", "пресс-секретарь", "государственный").
func IsRoleWord(w string) bool {
	f := FoldWord(w)
	if matchesStem(f, roleStems) || roleNouns[f] != "" {
		return true
	}
	// "экс-премьера", "женщины-спикера": the last part carries the role
	if i := strings.LastIndex(f, "-"); i > 0 {
		return matchesStem(f[i+1:], roleStems)
	}
	return false
}

var organizationStems = []string{
	"пресс-служб", "министерств", "ведомств", "мид", "правительств", "администраци", "власт",
	"посольств", "компани", "кремл", "пресс-центр", "канцеляри", "аппарат", "департамент",
	"управлени", "комитет", "комисси", "совет", "парламент", "сенат", "конгресс", "мажилис",
	"агентств", "служб", "штаб", "парти", "фонд", "банк", "минобороны", "минфин", "пентагон",
	"госдеп", "госдепартамент", "минюст", "мвд", "фсб", "оон", "нато", "ес", "руководств", "офис",
	"организаци", "корпораци", "холдинг", "концерн", "суд", "прокуратур", "сторон", "участник",
	"лидер", "минэконом", "минздрав", "акимат", "мэри", "ассоциаци", "союз", "движени", "блок",
}

// IsOrganizationWord reports whether w names an organisation or a body
// ("пресс-служба", "министерства", "МИД", "власти").
func IsOrganizationWord(w string) bool {
	f := FoldWord(w)
	if f == "лидер" || strings.HasPrefix(f, "лидер") {
		return false // "лидер" is a role of a person
	}
	return matchesStem(f, organizationStems)
}

func matchesStem(f string, stems []string) bool {
	for _, s := range stems {
		if strings.HasPrefix(f, s) && nounEndings[f[len(s):]] {
			return true
		}
	}
	return false
}

// IsRoleNoun reports whether w is a role noun in any case form ("министра",
// "посол"), not a modifier such as "федеральный".
func IsRoleNoun(w string) bool {
	_, ok := roleNouns[FoldWord(w)]
	return ok
}

var roleNouns = newRoleTable()

// roleTail are words a role phrase cannot end with: it was cut mid-way.
var roleTail = setOf("в", "во", "на", "по", "для", "с", "со", "к", "ко", "о", "об", "от", "из", "у", "за", "при", "и",
	"а", "но", "или", "именно", "также", "же", "ли", "не", "что", "как", "его", "ее", "её", "их")

// WellFormedRole tidies a role phrase as the text gave it and returns ""
// when it cannot be a role: a phrase cut mid-way loses its dangling
// function words («эксперт именно на» → «эксперт»), a quotation the cut
// left open is closed («глава ОАО «Газпром» → «глава ОАО «Газпром»») and a
// stray closing mark dropped («чемпион мира»» → «чемпион мира»); a phrase
// with no lower-case word («РУ», «МВД») is no role.
func WellFormedRole(role string) string {
	role = strings.TrimSpace(role)
	words := Words(role)
	cut := len(words)
	for cut > 0 && roleTail[letter.Lower(words[cut-1].Text)] {
		cut--
	}
	if cut == 0 {
		return ""
	}
	if cut < len(words) {
		role = role[:words[cut-1].End]
	}
	role = strings.TrimRight(role, " ,;:-–—")
	opened := strings.Count(role, "«") + strings.Count(role, "„")
	closed := strings.Count(role, "»") + strings.Count(role, "“")
	switch {
	case closed > opened:
		role = strings.TrimRight(role, "»“ ")
	case opened > closed:
		role += strings.Repeat("»", opened-closed)
	}
	for _, w := range words[:cut] {
		if r := []rune(w.Text); len(r) >= 3 && letter.IsLower(r[0]) || IsRoleWord(w.Text) {
			return role
		}
	}
	return ""
}
