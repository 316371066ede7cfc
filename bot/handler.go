package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode/utf16"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// Russian texts the bot itself says.
const (
	greeting   = "Здравствуйте! Я отвечаю на вопросы по корпусу новостей. В группе спрашивайте командой (/who Фамилия, /timeline, /help), упоминанием @%s или ответом на моё сообщение."
	notAllowed = "Извините, в этом чате я не работаю."
	tooMany    = "Слишком много вопросов подряд. Подождите минуту, и я снова отвечу."
	expired    = "Эта кнопка устарела — повторите запрос."
)

// handle is the handler for every update. It never panics out.
func (b *Bot) handle(ctx context.Context, _ *tg.Bot, upd *models.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panicked", "panic", r, "update", upd.ID, "stack", string(debug.Stack()))
		}
	}()
	// the answer finishes even when shutdown starts while it is prepared
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.AnswerLimit)
	defer cancel()
	switch {
	case upd.Message != nil:
		b.onMessage(work, upd.Message, b.log.With("chat", upd.Message.Chat.ID, "update", upd.ID))
	case upd.CallbackQuery != nil:
		b.onCallback(work, upd.CallbackQuery)
	case upd.InlineQuery != nil:
		b.onInline(work, upd.InlineQuery)
	case upd.MyChatMember != nil:
		b.onMembership(upd.MyChatMember)
	}
}

func (b *Bot) onMessage(ctx context.Context, msg *models.Message, log *slog.Logger) {
	group := msg.Chat.Type != models.ChatTypePrivate
	if msg.MigrateToChatID != 0 { // the group became a supergroup: it goes on under the new id
		log.Info("chat migrated", "to", msg.MigrateToChatID)
		if err := b.follows.move(msg.Chat.ID, msg.MigrateToChatID); err != nil {
			log.Error("saving subscriptions failed", "err", err)
		}
		return
	}
	for _, u := range msg.NewChatMembers {
		if u.ID == b.id {
			if len(b.allowed) == 0 || b.allowed[msg.Chat.ID] {
				b.sendText(ctx, msg, fmt.Sprintf(greeting, b.username), log)
			}
			return
		}
	}
	text, ok := b.addressedText(msg)
	if !ok {
		return
	}
	if len(b.allowed) > 0 && !b.allowed[msg.Chat.ID] {
		b.sendText(ctx, msg, notAllowed, log)
		return
	}
	if msg.From != nil {
		if ok, warn := b.flood.allow(msg.From.ID); !ok {
			if warn {
				b.sendText(ctx, msg, tooMany, log)
			}
			return
		}
	}
	if cmd, ok := answers.ParseCommand(text); ok {
		switch cmd.Name {
		case "reload":
			b.reload(ctx, msg, log)
			return
		case "follow", "unfollow":
			b.follow(ctx, msg, cmd, log)
			return
		}
	}
	_ = b.send.do(ctx, 0, group, func(ctx context.Context) error {
		_, err := b.api.SendChatAction(ctx, &tg.SendChatActionParams{ChatID: msg.Chat.ID, MessageThreadID: threadOf(msg), Action: models.ChatActionTyping})
		return err
	})
	b.deliver(ctx, msg, b.answer(ctx, text), log)
}

// answer prepares a reply, at most Workers at once whatever the number of
// chats waiting.
func (b *Bot) answer(ctx context.Context, text string) answers.Reply {
	select {
	case b.compute <- struct{}{}:
	case <-ctx.Done():
		return b.answerer().Answer(ctx, text) // answers fast on a done context
	}
	defer func() { <-b.compute }()
	return b.answerer().Answer(ctx, text)
}

// reload reads the corpus again for an admin; others hear it is not theirs.
func (b *Bot) reload(ctx context.Context, msg *models.Message, log *slog.Logger) {
	if b.cfg.Reload == nil || msg.From == nil || !b.admins[msg.From.ID] {
		b.sendText(ctx, msg, "Команда /reload доступна только администраторам бота.", log)
		return
	}
	if !b.reloading.TryLock() {
		b.sendText(ctx, msg, "Корпус уже перечитывается; о результате сообщу тому, кто начал.", log)
		return
	}
	defer b.reloading.Unlock()
	svc, changed, summary, err := b.cfg.Reload(ctx)
	if err != nil {
		log.Error("reload failed", "err", err)
		b.sendText(ctx, msg, "Не удалось перечитать корпус; работаю со старым.", log)
		return
	}
	log.Info("corpus reloaded", "summary", summary)
	b.sendText(ctx, msg, "Корпус перечитан: "+summary+".", log)
	b.Update(ctx, svc, changed)
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
		if e.Type == models.MessageEntityTypeMention && strings.EqualFold(entityText(text, e), "@"+b.username) {
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
		return strings.TrimSpace(strings.ReplaceAll(s, sub, ""))
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

// deliver sends a reply: its first page now, the rest behind «Ещё», its
// choices as buttons, and a button per result that opens its article. In groups the message replies to the asker's, in the
// same forum topic.
func (b *Bot) deliver(ctx context.Context, to *models.Message, r answers.Reply, log *slog.Logger) error {
	pages := r.HTMLChunks(PageRunes)
	if len(pages) == 0 {
		return nil
	}
	var markup models.ReplyMarkup
	if len(pages) > 1 || len(r.Choices) > 0 || len(r.Open) > 0 {
		commands := append(append([]answers.Choice(nil), r.Choices...), r.Open...)
		id := b.pages.put(&pending{chat: to.Chat.ID, thread: threadOf(to), pages: pages[1:], choices: commands})
		markup = keyboard(id, r.Choices, r.Open, len(pages) > 1)
	}
	return b.sendHTML(ctx, to.Chat.ID, to.Chat.Type != models.ChatTypePrivate, threadOf(to), to.ID, pages[0], markup, log)
}

func (b *Bot) sendText(ctx context.Context, to *models.Message, text string, log *slog.Logger) {
	b.sendHTML(ctx, to.Chat.ID, to.Chat.Type != models.ChatTypePrivate, threadOf(to), to.ID, answers.EscapeHTML(text), nil, log)
}

// sendHTML sends one message, paced and retried; replyTo > 0 in groups.
func (b *Bot) sendHTML(ctx context.Context, chat int64, group bool, thread, replyTo int, text string, markup models.ReplyMarkup, log *slog.Logger) error {
	p := &tg.SendMessageParams{
		ChatID:             chat,
		MessageThreadID:    thread,
		Text:               text,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
		ReplyMarkup:        markup,
	}
	if group && replyTo > 0 {
		p.ReplyParameters = &models.ReplyParameters{MessageID: replyTo, AllowSendingWithoutReply: true}
	}
	err := b.send.do(ctx, chat, group, func(ctx context.Context) error {
		_, err := b.api.SendMessage(ctx, p)
		return err
	})
	if err != nil {
		log.Warn("sendMessage failed", "err", err)
	}
	return err
}

// onCallback handles «Ещё» and choice buttons; answerCallbackQuery is
// always called, so the client stops its spinner.
func (b *Bot) onCallback(ctx context.Context, q *models.CallbackQuery) {
	log := b.log.With("callback", q.ID)
	note := ""
	defer func() {
		_, err := b.api.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: q.ID, Text: note})
		if err != nil {
			log.Debug("answerCallbackQuery failed", "err", err)
		}
	}()
	kind, rest, _ := strings.Cut(q.Data, ":")
	id, arg, _ := strings.Cut(rest, ":")
	chat, known := callbackChat(q)
	p, ok := b.pages.get(id, chat)
	if !known || !ok {
		note = expired // unknown, expired, or pressed outside the chat it was shown in
		return
	}
	if q.From.ID != 0 {
		if ok, _ := b.flood.allow(q.From.ID); !ok {
			note = tooMany
			return
		}
	}
	group := p.chat < 0
	switch kind {
	case "m":
		page, more, ok := b.pages.nextPage(id)
		if !ok {
			note = expired
			return
		}
		var markup models.ReplyMarkup
		if more {
			markup = keyboard(id, nil, nil, true)
		}
		b.sendHTML(ctx, p.chat, group, p.thread, 0, page, markup, log)
	case "c":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n >= len(p.choices) {
			note = expired
			return
		}
		r := b.answer(ctx, p.choices[n].Command)
		to := &models.Message{Chat: models.Chat{ID: p.chat, Type: models.ChatTypePrivate}}
		if group {
			to.Chat.Type = models.ChatTypeSupergroup
		}
		to.MessageThreadID, to.IsTopicMessage = p.thread, p.thread != 0
		b.deliver(ctx, to, r, log)
	default:
		note = expired
	}
}

// callbackChat is the chat of the message whose button was pressed; a
// button of an inline message has none.
func callbackChat(q *models.CallbackQuery) (int64, bool) {
	switch {
	case q.Message.Message != nil:
		return q.Message.Message.Chat.ID, true
	case q.Message.InaccessibleMessage != nil:
		return q.Message.InaccessibleMessage.Chat.ID, true
	}
	return 0, false
}

// onInline offers the top excerpts for "@bot запрос" typed in any chat;
// each sends a formatted excerpt with its date and source.
func (b *Bot) onInline(ctx context.Context, q *models.InlineQuery) {
	var results []models.InlineQueryResult
	// an inline query has no chat: with ALLOWED_CHATS set, only users whose
	// private chat is allowed get excerpts; everyone passes the flood guard
	permitted := len(b.allowed) == 0 || b.allowed[q.From.ID]
	if permitted && strings.TrimSpace(q.Query) != "" {
		permitted, _ = b.flood.allow(q.From.ID)
	}
	if permitted && strings.TrimSpace(q.Query) != "" {
		r := b.answer(ctx, q.Query)
		for i, res := range r.Results {
			meta := strings.Trim(strings.Join([]string{res.Date, res.Source}, " · "), " ·")
			text := "<b>" + answers.EscapeHTML(res.Title) + "</b>\n" + answers.EscapeHTML(res.Excerpt) + "\n<i>" + answers.EscapeHTML(meta) + "</i>"
			if res.Quote != nil && res.Quote.Speaker != "" {
				text += "\n<i>Цитата: " + answers.EscapeHTML(res.Quote.Speaker) + "</i>"
			}
			title := []rune(res.Excerpt)
			if len(title) > 60 {
				title = append(title[:59], '…')
			}
			results = append(results, &models.InlineQueryResultArticle{
				ID: strconv.Itoa(i), Title: string(title), Description: meta,
				InputMessageContent: &models.InputTextMessageContent{MessageText: text, ParseMode: models.ParseModeHTML,
					LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()}},
			})
		}
	}
	if results == nil {
		results = []models.InlineQueryResult{}
	}
	if _, err := b.api.AnswerInlineQuery(ctx, &tg.AnswerInlineQueryParams{InlineQueryID: q.ID, Results: results, CacheTime: 60}); err != nil {
		b.log.Warn("answerInlineQuery failed", "err", err)
	}
}

// onMembership forgets the subscriptions of a chat that removed or blocked
// the bot.
func (b *Bot) onMembership(m *models.ChatMemberUpdated) {
	switch m.NewChatMember.Type {
	case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
		b.log.Info("the bot was removed from a chat; its subscriptions are dropped", "chat", m.Chat.ID)
		if err := b.follows.drop(m.Chat.ID); err != nil {
			b.log.Error("saving subscriptions failed", "err", err)
		}
	}
}
