package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxLine is how much of one input line is kept. Answers read only the
// first answers.MaxQuestionRunes of a message, so the rest of a longer
// line is skipped unread instead of stopping the input.
const maxLine = 64 << 10

// lineReader reads stdin one message per line, whatever the lines' length.
type lineReader struct{ r *bufio.Reader }

func newLineReader(r io.Reader) *lineReader { return &lineReader{bufio.NewReaderSize(r, maxLine)} }

// next returns the next line without its end, cut to maxLine bytes; ok is
// false at the end of the input, and err is set when reading failed.
func (l *lineReader) next() (line string, ok bool, err error) {
	b, err := l.r.ReadSlice('\n')
	switch {
	case err == nil:
		return string(trimEOL(b)), true, nil
	case errors.Is(err, bufio.ErrBufferFull):
		line = string(b)
		for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of the line
			_, err = l.r.ReadSlice('\n')
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return line, true, err
		}
		return line, true, nil
	case errors.Is(err, io.EOF):
		if len(b) == 0 {
			return "", false, nil
		}
		return string(trimEOL(b)), true, nil
	}
	return "", false, err
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
