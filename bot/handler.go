package bot

import (
	"context"
	"runtime/debug"
	"strings"
	"unicode/utf16"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// handle is the library's handler for every update. It never panics out.
func (b *Bot) handle(ctx context.Context, _ *tg.Bot, upd *models.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panicked", "panic", r, "update", upd.ID, "stack", string(debug.Stack()))
		}
	}()
	msg := upd.Message
	if msg == nil {
		return
	}
	text, ok := b.addressedText(msg)
	if !ok {
		return
	}
	// the answer finishes even when shutdown starts while it is prepared
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.AnswerLimit)
	defer cancel()
	log := b.log.With("chat", msg.Chat.ID, "update", upd.ID)
	if _, err := b.api.SendChatAction(work, &tg.SendChatActionParams{ChatID: msg.Chat.ID, MessageThreadID: threadOf(msg), Action: models.ChatActionTyping}); err != nil {
		log.Debug("sendChatAction failed", "err", err)
	}
	reply := b.svc.Answer(work, text)
	b.send(work, msg, reply, log)
}

// addressedText returns the text the bot should answer and whether the
// message is for the bot at all. In private chats every message is; in
// groups only commands (bare or @ours), @mentions and replies to the bot.
// Commands addressed to another bot are ignored everywhere.
func (b *Bot) addressedText(msg *models.Message) (string, bool) {
	text := msg.Text
	entities := msg.Entities
	if text == "" {
		text, entities = msg.Caption, msg.CaptionEntities
	}
	private := msg.Chat.Type == models.ChatTypePrivate
	if cmd, ok := answers.ParseCommand(text); ok {
		if cmd.Bot != "" && !strings.EqualFold(cmd.Bot, b.username) {
			return "", false
		}
		return "/" + cmd.Name + " " + cmd.Args, true
	}
	mentioned := false
	for _, e := range entities {
		if e.Type != models.MessageEntityTypeMention {
			continue
		}
		if m := entityText(text, e); strings.EqualFold(m, "@"+b.username) {
			mentioned = true
		}
	}
	if !mentioned && b.username != "" && strings.Contains(strings.ToLower(text), "@"+strings.ToLower(b.username)) {
		mentioned = true
	}
	replyToUs := msg.ReplyToMessage != nil && msg.ReplyToMessage.From != nil && msg.ReplyToMessage.From.ID == b.id
	if !private && !mentioned && !replyToUs {
		return "", false
	}
	if mentioned {
		text = removeFold(text, "@"+b.username)
	}
	if strings.TrimSpace(text) == "" && !private {
		text = "/help"
	}
	return text, true
}

// entityText cuts an entity out of text; Telegram counts offsets in UTF-16
// code units, not bytes or runes.
func entityText(text string, e models.MessageEntity) string {
	u := utf16.Encode([]rune(text))
	if e.Offset < 0 || e.Length < 0 || e.Offset+e.Length > len(u) {
		return ""
	}
	return string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
}

// removeFold removes every case-insensitive occurrence of sub from s.
func removeFold(s, sub string) string {
	ls, lsub := strings.ToLower(s), strings.ToLower(sub)
	if len(ls) != len(s) || sub == "" {
		return strings.ReplaceAll(s, sub, "")
	}
	var out strings.Builder
	for {
		i := strings.Index(ls, lsub)
		if i < 0 {
			out.WriteString(s)
			return strings.TrimSpace(out.String())
		}
		out.WriteString(s[:i])
		s, ls = s[i+len(sub):], ls[i+len(sub):]
	}
}

func threadOf(msg *models.Message) int {
	if msg.IsTopicMessage {
		return msg.MessageThreadID
	}
	return 0
}

// send delivers a reply as one or more HTML messages of at most MaxMessage
// characters, split between paragraphs. In groups the first message is a
// reply to the asker's message, in the same forum topic.
func (b *Bot) send(ctx context.Context, to *models.Message, r answers.Reply, log interface {
	Warn(string, ...any)
}) {
	for i, chunk := range r.HTMLChunks(MaxMessage) {
		p := &tg.SendMessageParams{
			ChatID:             to.Chat.ID,
			MessageThreadID:    threadOf(to),
			Text:               chunk,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
		}
		if i == 0 && to.Chat.Type != models.ChatTypePrivate {
			p.ReplyParameters = &models.ReplyParameters{MessageID: to.ID, AllowSendingWithoutReply: true}
		}
		if _, err := b.api.SendMessage(ctx, p); err != nil {
			log.Warn("sendMessage failed", "err", err)
			return
		}
	}
}
