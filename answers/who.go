package answers

import "context"

func (s *Service) who(ctx context.Context, name string) Reply {
	return Reply{Kind: KindWho, Blocks: []Block{{{Text: "Не нашёл такого человека в корпусе."}}}}
}
