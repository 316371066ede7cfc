package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/corpusbot/corpusbot/answers"
)

// Follower understands subscriptions: what /follow's argument names, and
// which new articles a subject's followers are told about.
type Follower interface {
	Subject(arg string) (answers.Subject, []answers.Choice)
	Notices(sub answers.Subject, docs []string) []answers.Reply
}

// follow answers /follow and /unfollow in a chat.
func (b *Bot) follow(ctx context.Context, msg *models.Message, cmd answers.Command, log *slog.Logger) {
	chat := msg.Chat.ID
	f, ok := b.answerer().(Follower)
	if !ok {
		b.sendText(ctx, msg, "Подписки здесь не работают.", log)
		return
	}
	if cmd.Args == "" {
		if cmd.Name == "unfollow" {
			b.sendText(ctx, msg, "Напишите, от чего отписаться: /unfollow Фамилия или /unfollow тема. Ваши подписки — /follow.", log)
			return
		}
		b.sendText(ctx, msg, listFollows(b.follows.list(chat)), log)
		return
	}
	sub, choices := f.Subject(cmd.Args)
	if cmd.Name == "unfollow" {
		removed, ok, err := b.unfollow(chat, sub, cmd.Args)
		switch {
		case err != nil:
			log.Error("saving subscriptions failed", "err", err)
			b.sendText(ctx, msg, "Не получилось сохранить подписки: внутренняя ошибка.", log)
		case !ok:
			b.sendText(ctx, msg, fmt.Sprintf("Подписки «%s» нет. Ваши подписки — /follow.", cmd.Args), log)
		default:
			b.sendText(ctx, msg, fmt.Sprintf("Подписка «%s» отменена.", removed.Name), log)
		}
		return
	}
	if len(choices) > 0 {
		b.deliver(ctx, msg, answers.Reply{Kind: answers.KindHelp, Choices: choices,
			Blocks: []answers.Block{{{Text: fmt.Sprintf("«%s» — это несколько человек. На кого подписаться?", cmd.Args)}}}}, log)
		return
	}
	if sub.Kind == "" {
		b.sendText(ctx, msg, "Напишите, на что подписаться: /follow Фамилия или /follow тема.", log)
		return
	}
	added, err := b.follows.add(chat, sub)
	switch {
	case err != nil:
		log.Error("saving subscriptions failed", "err", err)
		b.sendText(ctx, msg, "Не получилось сохранить подписку: внутренняя ошибка.", log)
	case !added && len(b.follows.list(chat)) >= maxFollows:
		b.sendText(ctx, msg, fmt.Sprintf("В чате уже %d подписок — больше нельзя. Лишние уберите командой /unfollow.", maxFollows), log)
	case !added:
		b.sendText(ctx, msg, fmt.Sprintf("Подписка «%s» уже есть.", sub.Name), log)
	case sub.Kind == answers.SubjectPerson:
		b.sendText(ctx, msg, fmt.Sprintf("Подписка оформлена: %s. Когда в корпусе появится статья, где упоминается %s, я пришлю её сюда. Отписаться — /unfollow %s.", sub.Name, sub.Name, sub.Name), log)
	default:
		b.sendText(ctx, msg, fmt.Sprintf("Подписка оформлена: тема «%s». Когда в корпусе появится статья с этой темой в заголовке или начале, я пришлю её сюда. Отписаться — /unfollow %s.", sub.Name, sub.Name), log)
	}
}

// unfollow removes the subject an argument names: as the answerer
// resolves it, else by its written name.
func (b *Bot) unfollow(chat int64, sub answers.Subject, arg string) (answers.Subject, bool, error) {
	if sub.Kind != "" {
		if removed, ok, err := b.follows.remove(chat, sub.Name); ok || err != nil {
			return removed, ok, err
		}
	}
	return b.follows.remove(chat, arg)
}

func listFollows(subs []answers.Subject) string {
	if len(subs) == 0 {
		return "Подписок нет. Подписаться: /follow Фамилия или /follow тема — и я пришлю сюда каждую новую статью о нём или о ней."
	}
	lines := []string{"Подписки этого чата:"}
	for _, s := range subs {
		kind := "человек"
		if s.Kind == answers.SubjectTopic {
			kind = "тема"
		}
		lines = append(lines, fmt.Sprintf("• %s (%s)", s.Name, kind))
	}
	lines = append(lines, "Отписаться — /unfollow и название.")
	return strings.Join(lines, "\n")
}

// Update makes svc answer from now on and tells every chat that follows
// something about the new or changed articles docs that concern it: one
// message per article, paced like every answer. A chat that blocked the
// bot or no longer exists loses its subscriptions.
func (b *Bot) Update(ctx context.Context, svc Answerer, docs []string) {
	b.svc.Store(svc)
	f, ok := svc.(Follower)
	if !ok || len(docs) == 0 {
		return
	}
	for chat, subs := range b.follows.all() {
		if len(b.allowed) > 0 && !b.allowed[chat] {
			continue
		}
		log := b.log.With("chat", chat)
		if err := b.notify(ctx, chat, f, subs, docs, log); gone(err) {
			log.Info("chat is gone; its subscriptions are dropped", "err", err)
			if err := b.follows.drop(chat); err != nil {
				log.Error("saving subscriptions failed", "err", err)
			}
		}
	}
}

// notify sends chat one message per article of docs that one of its
// subscriptions concerns; it stops at the first failed send.
func (b *Bot) notify(ctx context.Context, chat int64, f Follower, subs []answers.Subject, docs []string, log *slog.Logger) error {
	to := &models.Message{Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}
	if chat < 0 {
		to.Chat.Type = models.ChatTypeSupergroup
	}
	sent := map[string]bool{} // an article that matches two subscriptions comes once
	for _, sub := range subs {
		for _, r := range f.Notices(sub, docs) {
			if len(r.Results) == 0 || sent[r.Results[0].Doc] {
				continue
			}
			sent[r.Results[0].Doc] = true
			if err := b.deliver(ctx, to, r, log); err != nil {
				return err
			}
		}
	}
	return nil
}

// gone reports a send error that means the chat will never take messages:
// the user blocked the bot, the bot was removed, the chat was deleted.
func gone(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, tg.ErrorForbidden) {
		return true
	}
	return errors.Is(err, tg.ErrorBadRequest) && strings.Contains(strings.ToLower(err.Error()), "chat not found")
}
