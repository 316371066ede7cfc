package russian

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// DateExpr is a date expression found in a sentence, before resolution.
type DateExpr struct {
	Start, End int    // byte span in the sentence
	Text       string // as written
	Date       Date   // what the words say: a missing year is 0
	Until      Date   // the end of a range ("11-12 ноября"), else zero
	RelDays    int    // for "вчера", "завтра", "накануне": days from publication
	Relative   bool   // RelDays is meant (0 is "сегодня")
	RelYears   int    // for "текущего года", "в прошлом году": years from publication
	YearRel    bool   // RelYears is meant
	Season     string // "весна" for "весной 2022 года"
	Time       string // "23:19" when a time is given
}

const (
	monthGen  = `(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)`
	monthAny  = `(январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])`
	yearWord  = `(?:\s*(?:года|году|год|г\.))?`
	relYearRe = `(?:\s+(текущего|этого|нынешнего|прошлого|следующего|будущего)\s+года)?`
)

// DateFinder finds date expressions in Russian news text with patterns
// compiled once, most specific first.
type DateFinder struct {
	rangeSPo, rangeDash, dayMonth, numeric, monthYear, monthAlone, season, year, relative, timeOf *regexp.Regexp
}

// NewDateFinder compiles the date patterns.
func NewDateFinder() *DateFinder {
	re := func(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)` + s) }
	return &DateFinder{
		rangeSPo:   re(`(?:^|[^\p{L}\d])с\s+(\d{1,2})(?:\s+` + monthGen + `)?\s+по\s+(\d{1,2})\s+` + monthGen + `(?:\s+(\d{4}))?` + yearWord + relYearRe),
		rangeDash:  re(`(?:^|[^\p{L}\d])(\d{1,2})\s*[-–—]\s*(\d{1,2})\s+` + monthGen + `(?:\s+(\d{4}))?` + yearWord + relYearRe),
		dayMonth:   re(`(?:^|[^\p{L}\d])(\d{1,2})\s+` + monthGen + `(?:\s+(\d{4}))?` + yearWord + relYearRe),
		numeric:    re(`(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[^\d]|$)`),
		monthYear:  re(`(?:^|[^\p{L}])` + monthAny + `\s+(\d{4})` + yearWord),
		monthAlone: re(`(?:^|[^\p{L}])в\s+(январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)` + relYearRe),
		season:     re(`(?:^|[^\p{L}])(весной|летом|осенью|зимой)(?:\s+(\d{4})` + yearWord + `|\s+(этого|текущего|прошлого|следующего)\s+года)?`),
		year:       re(`(?:^|[^\p{L}\d])(?:(?:с|в|до|от|к|по|на)\s+)?((?:19|20)\d{2})` + `\s*(?:года|году|год|г\.)`),
		relative:   re(`(?:^|[^\p{L}])(позавчера|вчера|сегодня|послезавтра|завтра|накануне|на\s+(?:прошлой|этой|следующей)\s+неделе|в\s+(?:прошлом|этом|текущем|нынешнем|следующем)\s+(?:году|месяце))(?:[^\p{L}]|$)`),
		timeOf:     re(`(?:^|[^\d])(\d{1,2}):(\d{2})(?:[^\d]|$)`),
	}
}

// Find returns the date expressions of s in order, none overlapping.
func (d *DateFinder) Find(s string) []DateExpr {
	// most sentences hold no date: cheap checks spare them the patterns
	digits := strings.ContainsAny(s, "0123456789")
	lower := letter.Lower(s)
	g := gate{
		monthAlone: containsAny(lower, monthAloneWords),
		season:     containsAny(lower, seasonWords),
		relative:   containsAny(lower, relativeWords),
	}
	if !digits && !g.monthAlone && !g.season && !g.relative {
		return nil
	}
	g.month = digits && containsAny(lower, monthStems)
	g.year = digits && (strings.Contains(lower, "год") || strings.Contains(lower, "г."))
	g.numeric = digits && digitDotDigit(s)
	g.span = g.month && strings.ContainsAny(s, "-–—")
	g.from = g.month && spacedWord(lower, "по")
	g.monthYear = g.month && fourDigits(s)
	return d.find(s, g)
}

// digitDotDigit reports a digit, a dot and a digit in a row (12.03.2024).
func digitDotDigit(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isDigit(s[i-1]) && isDigit(s[i+1]) {
			return true
		}
	}
	return false
}

// fourDigits reports four digits in a row (a year).
func fourDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
		} else if run++; run == 4 {
			return true
		}
	}
	return false
}

// spacedWord reports w with white space (as the patterns' \s) on both sides.
func spacedWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(w)
		if a > 0 && isSpace(s[a-1]) && b < len(s) && isSpace(s[b]) {
			return true
		}
		i = a + 1
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// gate says which patterns can match a sentence at all: each needs one of
// its words (in lower case, as the patterns ignore case) or digits.
type gate struct {
	month                 bool // a digit and a month's stem
	span, from, monthYear bool // and a dash, a spaced «по», a four-digit year
	year, numeric         bool
	monthAlone, season    bool
	relative              bool
}

func containsAny(s string, subs []string) bool {
	for _, k := range subs {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

var monthStems = []string{"январ", "феврал", "март", "апрел", "мая", "май", "мае", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}

// The words each pattern without digits needs (in lower case): the
// relative days and years, the seasons, the months in the prepositional.
var (
	relativeWords   = []string{"вчера", "сегодня", "завтра", "накануне", "неделе", "году", "месяце"}
	seasonWords     = []string{"весной", "летом", "осенью", "зимой"}
	monthAloneWords = []string{"январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
		"октябре", "ноябре", "декабре"}
)

func (d *DateFinder) find(s string, g gate) []DateExpr {
	f := d
	var out []DateExpr
	taken := make([]bool, len(s)+1)
	free := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return false
			}
		}
		return true
	}
	add := func(e DateExpr) {
		e.Text = strings.TrimSpace(s[e.Start:e.End])
		for i := e.Start; i < e.End; i++ {
			taken[i] = true
		}
		out = append(out, e)
	}
	sub := func(m []int, k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return s[m[2*k]:m[2*k+1]]
	}
	// span of the match without the boundary rune it may start with
	span := func(m []int) (int, int) {
		a := m[0]
		if r, n := utf8.DecodeRuneInString(s[a:]); a < m[1] && !letter.IsLetter(r) && !unicode.IsDigit(r) {
			a += n
		}
		return a, m[1]
	}
	relYear := func(e *DateExpr, w string) {
		switch letter.Lower(w) {
		case "текущего", "этого", "нынешнего":
			e.YearRel = true
		case "прошлого":
			e.YearRel, e.RelYears = true, -1
		case "следующего", "будущего":
			e.YearRel, e.RelYears = true, 1
		}
	}
	for _, m := range findAll(f.rangeSPo, s, g.from) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		e := DateExpr{Start: a, End: b}
		y, _ := atoi(sub(m, 5))
		m2 := Month(sub(m, 4))
		m1 := m2
		if sub(m, 2) != "" {
			m1 = Month(sub(m, 2))
		}
		d1, _ := atoi(sub(m, 1))
		d2, _ := atoi(sub(m, 3))
		e.Date, e.Until = Date{y, m1, d1}, Date{y, m2, d2}
		if m1 > m2 && y != 0 { // «с 25 декабря по 5 января 2024 года» starts the year before
			e.Date.Year = y - 1
		}
		relYear(&e, sub(m, 6))
		if validDay(e.Date) && validDay(e.Until) && (m1 != m2 || d1 < d2) {
			add(e)
		}
	}
	for _, m := range findAll(f.rangeDash, s, g.span) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		mo := Month(sub(m, 3))
		y, _ := atoi(sub(m, 4))
		d1, _ := atoi(sub(m, 1))
		d2, _ := atoi(sub(m, 2))
		e := DateExpr{Start: a, End: b, Date: Date{y, mo, d1}, Until: Date{y, mo, d2}}
		relYear(&e, sub(m, 5))
		if validDay(e.Date) && validDay(e.Until) && d1 < d2 {
			add(e)
		}
	}
	for _, m := range findAll(f.dayMonth, s, g.month) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		d, _ := atoi(sub(m, 1))
		y, _ := atoi(sub(m, 3))
		e := DateExpr{Start: a, End: b, Date: Date{y, Month(sub(m, 2)), d}}
		relYear(&e, sub(m, 4))
		if validDay(e.Date) {
			add(e)
		}
	}
	for _, m := range findAll(f.numeric, s, g.numeric) {
		a, b := m[2], m[7]
		if !free(a, b) {
			continue
		}
		d, _ := atoi(sub(m, 1))
		mo, _ := atoi(sub(m, 2))
		y, _ := atoi(sub(m, 3))
		e := DateExpr{Start: a, End: b, Date: Date{y, mo, d}}
		if mo >= 1 && mo <= 12 && validDay(e.Date) {
			add(e)
		}
	}
	for _, m := range findAll(f.monthYear, s, g.monthYear) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		y, _ := atoi(sub(m, 2))
		if mo := monthOfAnyForm(sub(m, 1)); mo > 0 {
			add(DateExpr{Start: a, End: b, Date: Date{Year: y, Month: mo}})
		}
	}
	for _, m := range findAll(f.monthAlone, s, g.monthAlone) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		e := DateExpr{Start: a, End: b, Date: Date{Month: Month(sub(m, 1))}}
		relYear(&e, sub(m, 2))
		add(e)
	}
	for _, m := range findAll(f.season, s, g.season) {
		a, b := span(m)
		if !free(a, b) || sub(m, 2) == "" && sub(m, 3) == "" {
			continue // "летом" alone says too little
		}
		y, _ := atoi(sub(m, 2))
		e := DateExpr{Start: a, End: b, Date: Date{Year: y}, Season: seasonName(sub(m, 1))}
		relYear(&e, sub(m, 3))
		add(e)
	}
	for _, m := range findAll(f.year, s, g.year) {
		a, b := span(m)
		if !free(a, b) {
			continue
		}
		y, _ := atoi(sub(m, 1))
		add(DateExpr{Start: a, End: b, Date: Date{Year: y}})
	}
	for _, m := range findAll(f.relative, s, g.relative) {
		a, b := m[2], m[3]
		if !free(a, b) {
			continue
		}
		w := letter.Lower(strings.Join(strings.Fields(sub(m, 1)), " "))
		e := DateExpr{Start: a, End: b}
		switch w {
		case "позавчера":
			e.Relative, e.RelDays = true, -2
		case "вчера", "накануне":
			e.Relative, e.RelDays = true, -1
		case "сегодня":
			e.Relative = true
		case "завтра":
			e.Relative, e.RelDays = true, 1
		case "послезавтра":
			e.Relative, e.RelDays = true, 2
		case "на прошлой неделе":
			e.Relative, e.RelDays = true, -7
		case "на следующей неделе":
			e.Relative, e.RelDays = true, 7
		case "на этой неделе":
			e.Relative = true
		case "в прошлом году":
			e.YearRel, e.RelYears = true, -1
		case "в этом году", "в текущем году", "в нынешнем году":
			e.YearRel = true
		case "в следующем году":
			e.YearRel, e.RelYears = true, 1
		default:
			continue // months relative to publication: too vague for a timeline
		}
		add(e)
	}
	// a time right after a date belongs to it: "16 января 2018, 23:19"
	for i := range out {
		rest := s[out[i].End:]
		if m := f.timeOf.FindStringSubmatchIndex(rest); m != nil && m[2] <= 4 {
			out[i].Time = rest[m[2]:m[5]]
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// findAll runs a pattern only when its gate is open.
func findAll(re *regexp.Regexp, s string, open bool) [][]int {
	if !open {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

func validDay(d Date) bool {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return false
	}
	if d.Year == 0 {
		return d.Day <= daysIn(d.Month, 2024)
	}
	return d.Day <= daysIn(d.Month, d.Year)
}

func daysIn(m, y int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func monthOfAnyForm(w string) int {
	f := FoldWord(w)
	for i := range monthNominative {
		stem := []rune(monthNominative[i])
		if i == 4 { // май, мая, мае
			if f == "май" || f == "мая" || f == "мае" {
				return 5
			}
			continue
		}
		s := string(stem[:len(stem)-1])
		if i == 2 || i == 7 { // март, август: consonant stems
			s = monthNominative[i]
		}
		if strings.HasPrefix(f, s) {
			return i + 1
		}
	}
	return 0
}

func seasonName(w string) string {
	switch letter.Lower(w) {
	case "весной":
		return "весна"
	case "летом":
		return "лето"
	case "осенью":
		return "осень"
	}
	return "зима"
}

// Tense is what a sentence says about when its event happens.
type Tense int

// Tenses.
const (
	TenseUnknown Tense = iota
	TensePast
	TenseFuture
)

var futureWords = setOf("будет", "будут", "состоится", "состоятся", "пройдет", "пройдут", "начнется", "начнутся",
	"посетит", "посетят", "совершит", "проведет", "проведут", "планирует", "планируют", "планируется",
	"намерен", "намерена", "намерены", "предстоит", "предстоящий", "предстоящей", "предстоящего", "ожидается",
	"отправится", "прибудет", "прибудут", "откроется", "завершится", "вылетит", "обсудят", "подпишут",
	"собирается", "собираются", "запланирован", "запланирована", "запланировано", "запланированы",
	"назначен", "назначена", "назначено", "назначены", "намечен", "намечена", "намечено", "намечены")

// agreeVerbs, past forms that govern a later event: «договорились провести»,
// «решили созвать», «пообещал приехать» put the infinitive after them in
// the future, whatever their own tense.
var agreeStems = []string{"договорил", "условил", "решил", "согласил", "пообещал", "обещал", "обязал", "намеревал",
	"собирал", "планировал", "наметил", "запланировал", "предложил", "пригласил"}

// SentenceTense reads when a sentence's event happens from its verbs. A
// future marker («состоится», «посетит», «планирует») or a past verb of
// agreeing or planning before an infinitive («договорились провести»)
// makes it future; otherwise a past verb makes it past, and a reflexive
// present-or-future form («завершатся») future. Speech verbs
// («сообщил», «заявил») date the report, not the event, and are ignored.
func SentenceTense(s string) Tense {
	past, nonPast := false, false
	words := Words(s)
	for i, w := range words {
		f := FoldWord(w.Text)
		if futureWords[f] {
			return TenseFuture
		}
		if agreesToLater(f) && i+1 < len(words) && (isInfinitive(FoldWord(words[i+1].Text)) ||
			i+2 < len(words) && isInfinitive(FoldWord(words[i+2].Text))) {
			return TenseFuture
		}
		if _, speech := IsSpeechVerb(w.Text); speech {
			continue
		}
		if isPastVerb(f) {
			past = true
		}
		if strings.HasSuffix(f, "тся") && utf8.RuneCountInString(f) > 5 { // «завершатся», «откроется»: present or future
			nonPast = true
		}
	}
	switch {
	case past:
		return TensePast
	case nonPast:
		return TenseFuture
	}
	return TenseUnknown
}

func agreesToLater(f string) bool {
	for _, st := range agreeStems {
		if strings.HasPrefix(f, st) {
			return true
		}
	}
	return false
}

// isInfinitive: «провести», «подписать», «встретиться», «помочь».
func isInfinitive(f string) bool {
	n := utf8.RuneCountInString(f)
	return n > 3 && (strings.HasSuffix(f, "ть") || strings.HasSuffix(f, "ти") || strings.HasSuffix(f, "ться") ||
		strings.HasSuffix(f, "чь"))
}

// isPastVerb: «прошел», «подписали», «состоялась», «вступил».
func isPastVerb(f string) bool {
	if utf8.RuneCountInString(f) <= 3 {
		return false
	}
	for _, e := range []string{"лся", "лась", "лись", "лось", "шел", "шла", "шли", "шло"} { // прошел, пришли, ушла
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	if f == "состоявшаяся" || f == "состоявшихся" {
		return true
	}
	return looksVerb(f) && (strings.HasSuffix(f, "л") || strings.HasSuffix(f, "ла") || strings.HasSuffix(f, "ли") || strings.HasSuffix(f, "ло"))
}

// Resolve turns an expression into a date against the publication date
// pub, reading the year across New Year from the tense. ok is false when
// nothing can be said without inventing (a relative date with no full
// publication date). A year is never invented: with no year in the
// expression and none in pub, the date stays --MM-DD.
func (e DateExpr) Resolve(pub Date, tense Tense) (from, until Date, ok bool) {
	if e.Relative {
		if pub.Year == 0 || pub.Month == 0 || pub.Day == 0 {
			return Date{}, Date{}, false
		}
		t := time.Date(pub.Year, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, e.RelDays)
		d := Date{t.Year(), int(t.Month()), t.Day()}
		return d, Date{}, true
	}
	if e.YearRel && e.Date.Month == 0 && e.Date.Year == 0 && e.Season == "" {
		if pub.Year == 0 {
			return Date{}, Date{}, false
		}
		return Date{Year: pub.Year + e.RelYears}, Date{}, true
	}
	from, until = e.Date, e.Until
	if from.Year == 0 {
		switch {
		case e.YearRel && pub.Year != 0:
			from.Year = pub.Year + e.RelYears
		case pub.Year != 0 && from.Month != 0:
			from.Year = yearFor(from, pub, tense)
		}
		if until.Month != 0 {
			until.Year = from.Year
			if until.Month < from.Month && from.Year != 0 {
				until.Year++
			}
		}
	}
	if from.IsZero() {
		return Date{}, Date{}, false
	}
	return from, until, true
}

// yearFor gives a day and month the year that puts it on the right side
// of the publication date pub: a future event the first such day on or
// after publication, a past one the last on or before it (a day's slack
// either way for time zones), and with no clue the nearest one. So «25
// декабря» in an article of 2 January is last year's, and «договорились
// провести … 20 мая» in one of 14 March is this year's.
func yearFor(d, pub Date, tense Tense) int {
	y := pub.Year
	if pub.Month == 0 {
		return y
	}
	// distance from pub in days, at the precision both know (months count 31)
	diff := func(year int) int {
		v := (year-pub.Year)*372 + (d.Month-pub.Month)*31
		if d.Day != 0 && pub.Day != 0 {
			v += d.Day - pub.Day
		}
		return v
	}
	const slack = 1
	switch tense {
	case TenseFuture:
		for _, c := range []int{y - 1, y, y + 1} {
			if diff(c) >= -slack {
				return c
			}
		}
	case TensePast:
		for _, c := range []int{y + 1, y, y - 1} {
			if diff(c) <= slack {
				return c
			}
		}
	}
	best := y
	for _, c := range []int{y - 1, y + 1} {
		if abs(diff(c)) < abs(diff(best)) {
			best = c
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
