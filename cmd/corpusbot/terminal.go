package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/corpusbot/corpusbot/answers"
)

// chat runs the bot in the terminal: one message per line in, the reply as
// plain text out. Piped input gets replies only; a person at a terminal
// also gets a greeting and a prompt.
func chat(ctx context.Context, svc func() *answers.Service, stdin io.Reader, stdout io.Writer) int {
	interactive := false
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			interactive = true
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	prompt := func() {
		if interactive {
			fmt.Fprint(w, "> ")
		}
		w.Flush()
	}
	if interactive {
		fmt.Fprintln(w, "corpusbot в терминале: TELEGRAM_BOT_TOKEN не задан. Пишите вопросы, /help — справка, Ctrl+D — выход.")
		fmt.Fprintln(w)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		in := newLineReader(stdin)
		for {
			line, ok, err := in.next()
			if !ok || err != nil {
				return
			}
			lines <- line
		}
	}()
	prompt()
	for {
		select {
		case <-ctx.Done():
			return 0
		case line, ok := <-lines:
			if !ok {
				return 0
			}
			fmt.Fprintf(w, "%s\n\n", svc().Answer(ctx, line).Text())
			prompt()
		}
	}
}
