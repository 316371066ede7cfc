package bot

import (
	"testing"

	"github.com/corpusbot/corpusbot/answers"
)

// TestNamesSubject: /unfollow names a subscription in any case form of the
// surname, the full name in any letter case and ё or е, or a topic's words;
// another surname or a topic's single word does not.
func TestNamesSubject(t *testing.T) {
	person := answers.Subject{Kind: answers.SubjectPerson, Name: "Пётр Жумабаев"}
	topic := answers.Subject{Kind: answers.SubjectTopic, Name: "редкие металлы"}
	tests := []struct {
		s    answers.Subject
		name string
		want bool
	}{
		{person, "Жумабаева", true},
		{person, "жумабаевым", true},
		{person, "петр жумабаев", true},
		{person, "Жумагулов", false},
		{topic, "Редкие металлы", true},
		{topic, "металлы", false},
	}
	for _, tt := range tests {
		if got := namesSubject(tt.s, tt.name); got != tt.want {
			t.Errorf("namesSubject(%q, %q) = %v, want %v", tt.s.Name, tt.name, got, tt.want)
		}
	}
}
