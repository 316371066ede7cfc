package bot

import (
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"

	"github.com/go-telegram/bot/models"
)

// FuzzAddressedText: whatever a message and its entities hold, deciding
// whether it is for the bot never panics, a private message is always
// answered, and a group message that neither names the bot, replies to it
// nor is a command is left alone.
func FuzzAddressedText(f *testing.F) {
	f.Add("@CorpusBot Где Токаев?", 0, 10, true, false)
	f.Add("/who@CorpusBot Блинкен", 0, 14, false, false)
	f.Add("🙂 @corpusbot вопрос", 3, 10, false, true)
	f.Add("/who@other x", -1, 3, false, false)
	f.Add("просто разговор", 100, 5, false, false)
	b := &Bot{username: "CorpusBot", id: 42}
	f.Fuzz(func(t *testing.T, text string, off, length int, private, reply bool) {
		msg := &models.Message{Text: text, Chat: models.Chat{ID: -1, Type: models.ChatTypeSupergroup},
			Entities: []models.MessageEntity{{Type: models.MessageEntityTypeMention, Offset: off, Length: length}}}
		if private {
			msg.Chat = models.Chat{ID: 1, Type: models.ChatTypePrivate}
		}
		if reply {
			msg.ReplyToMessage = &models.Message{From: &models.User{ID: 42}}
		}
		_, ok := b.addressedText(msg)
		cmd, isCmd := answers.ParseCommand(text)
		foreign := isCmd && cmd.Bot != "" && !strings.EqualFold(cmd.Bot, b.username)
		if private && !ok && !foreign {
			t.Fatalf("private message %q not answered", text)
		}
		named := strings.Contains(strings.ToLower(text), "@corpusbot")
		if !private && !reply && !isCmd && !named && ok {
			t.Fatalf("group chatter %q answered", text)
		}
		if foreign && ok {
			t.Fatalf("another bot's command %q answered", text)
		}
	})
}
