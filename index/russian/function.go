package russian

import "strings"

// functionWords are prepositions, conjunctions and particles that
// Snowball's Russian stop list lacks: a closed class that names no topic.
var functionWords = setOf(strings.Fields(`среди около вокруг против кроме вместо помимо благодаря согласно вне внутри возле
вдоль ради сквозь путем посредством насчет вроде ввиду вследствие напротив позади впереди мимо близ вблизи
относительно касательно наряду спустя вопреки включая также либо однако хотя пока причем зато поэтому итак
словно якобы лишь именно вообще`)...)

// IsFunctionWord reports whether w is a preposition, conjunction or
// particle that says nothing of a topic («среди», «против», «также»),
// in any case and with ё or е.
func IsFunctionWord(w string) bool { return functionWords[FoldWord(w)] }
