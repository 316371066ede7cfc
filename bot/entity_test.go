package bot

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

// TestEntityTextCountsUTF16: Telegram gives entity offsets in UTF-16 code
// units; an emoji (two units) and Cyrillic (two bytes) before a mention
// must not shift it.
func TestEntityTextCountsUTF16(t *testing.T) {
	tests := []struct {
		text           string
		offset, length int
		want           string
	}{
		{"@CorpusBot вопрос", 0, 10, "@CorpusBot"},
		{"🙂 @CorpusBot вопрос", 3, 10, "@CorpusBot"}, // 🙂 is two UTF-16 units
		{"Привет @CorpusBot", 7, 10, "@CorpusBot"},   // bytes would say 13
		{"👍🏽 и @CorpusBot", 7, 10, "@CorpusBot"},     // emoji with a skin tone: four units
		{"короткий", 5, 10, ""},                      // out of range: nothing, no panic
		{"x", -1, 1, ""},
	}
	for _, tt := range tests {
		got := entityText(tt.text, models.MessageEntity{Type: models.MessageEntityTypeMention, Offset: tt.offset, Length: tt.length})
		if got != tt.want {
			t.Errorf("entityText(%q, %d, %d) = %q, want %q", tt.text, tt.offset, tt.length, got, tt.want)
		}
	}
}
