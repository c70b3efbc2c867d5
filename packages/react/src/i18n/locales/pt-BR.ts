import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('pt');

/** Brazilian Portuguese (português do Brasil), addressing the reader as "você". */
export const ptBR: BanterStrings = {
  composerLabel: 'Mensagem',
  composerPlaceholder: 'Escreva uma mensagem…',
  send: 'Enviar',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Mensagens',
  loadingOlder: 'Carregando mensagens anteriores…',
  loadOlder: 'Carregar mensagens anteriores',
  beginningOfConversation: 'Este é o início da conversa',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensagem nova', other: 'mensagens novas' })}`,
  jumpToLatest: 'Ir para a mais recente',
  edited: 'editada',
  deleted: 'Esta mensagem foi apagada',
  retry: 'Tentar de novo',
  loading: 'Carregando…',
  loadFailed: 'Não foi possível carregar esta parte do chat.',
  discard: 'Descartar',
  failed: (reason) => `Não enviada: ${reason}`,
  messageStatus: {
    sending: 'Enviando',
    sent: 'Enviada',
    delivered: 'Entregue',
    read: 'Lida',
    failed: 'Não enviada',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} pessoas estão digitando…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'está' : 'estão'} digitando…`;
  },
  connection: {
    connecting: 'Conectando…',
    connected: 'Conectado',
    reconnecting: 'Reconectando…',
    offline: 'Você está off-line: as mensagens serão enviadas quando você voltar a ficar on-line',
    refused: 'Não foi possível conectar ao chat',
    closed: 'Desconectado',
  },
  serverUnreachable:
    'Não foi possível acessar o servidor do chat: as mensagens serão enviadas quando ele voltar',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensagem aguardando', other: 'mensagens aguardando' })} envio`,
  online: 'On-line',
  lastSeen: (when) => `Visto por último ${when}`,
  offline: 'Off-line',
  today: 'Hoje',
  yesterday: 'Ontem',
  you: 'Você',
  attachment: 'Anexo',
  image: (name) => (name ? `Imagem: ${name}` : 'Imagem'),
  conversationsLabel: 'Conversas',
  searchConversations: 'Pesquisar conversas',
  noConversations: 'Nenhuma conversa ainda',
  noMatches: 'Nenhuma conversa corresponde à sua pesquisa',
  loadingConversations: 'Carregando conversas…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensagem não lida', other: 'mensagens não lidas' })}`,
  muted: 'Silenciada',
  archived: 'Arquivada',
  newConversation: 'Nova conversa',
  searchPeople: 'Pesquisar pessoas',
  noPeopleFound: 'Ninguém encontrado',
  startConversation: (name) => `Iniciar uma conversa com ${name}`,
  newGroup: 'Novo grupo',
  groupTitle: 'Nome do grupo (opcional)',
  removeFromGroup: (name) => `Remover ${name}`,
  createGroup: 'Criar grupo',
  cancel: 'Cancelar',
  openChat: 'Abrir o chat',
  closeChat: 'Fechar o chat',
  back: 'Voltar para as conversas',
  chatTitle: 'Chat',
  emptyConversation: 'Nenhuma mensagem ainda. Diga oi!',
  selectConversation: 'Selecione uma conversa',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'participante', other: 'participantes' })}`,
  messageActions: 'Ações da mensagem',
  reply: 'Responder',
  react: 'Reagir',
  reactWith: (emoji) => `Reagir com ${emoji}`,
  moreReactions: 'Mais reações',
  emojiPicker: 'Escolha uma reação',
  searchEmoji: 'Pesquisar emoji',
  loadingEmoji: 'Carregando emoji…',
  emojiLoadFailed: 'Não foi possível carregar os emoji',
  noEmojiFound: 'Nenhum emoji encontrado',
  skinTone: 'Tom de pele',
  emojiChoice: (label, reacted) => (reacted ? `${label}, sua reação` : label),
  copyText: 'Copiar texto',
  edit: 'Editar',
  delete: 'Apagar',
  deleteConfirm: 'Apagar esta mensagem para todos?',
  deleteConfirmAction: 'Apagar para todos',
  replyingTo: (name) => `Respondendo a ${name}`,
  cancelReply: 'Cancelar resposta',
  editingMessage: 'Editando mensagem',
  cancelEdit: 'Cancelar edição',
  saveEdit: 'Salvar',
  replyDeleted: 'Mensagem apagada',
  replyNotLoaded: 'Mensagem original não carregada',
  quoteLabel: (sender, text) =>
    sender ? `Em resposta a ${sender}: ${text}` : `Em resposta a: ${text}`,
  reactionsLabel: 'Reações',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, { one: 'reação', other: 'reações' })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`mais ${formatCount(locale, others)}`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'Não foi possível editar',
    delete: 'Não foi possível apagar',
    react: 'Não foi possível adicionar a reação',
    unreact: 'Não foi possível remover a reação',
  },
  banned: 'Esta conta não pode usar o chat',
  conversationActions: 'Opções da conversa',
  block: 'Bloquear',
  blockConfirm:
    'Bloquear esta pessoa? Ela não poderá mandar mensagens diretas para você nem ver quando você está online.',
  unblock: 'Desbloquear',
  youBlocked: 'Você bloqueou esta pessoa',
  blockedMessage: 'Mensagem de alguém que você bloqueou',
  showMessage: 'Mostrar',
  report: 'Denunciar',
  reportTitle: 'Denunciar mensagem',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Assédio ou abuso',
    inappropriate: 'Conteúdo impróprio',
    other: 'Outro motivo',
  },
  reportDetails: 'Detalhes (opcional)',
  reportSent: 'Obrigado: a denúncia foi enviada.',
  close: 'Fechar',
  searchMessages: 'Pesquisar mensagens',
  searchAllMessages: 'Pesquisar em todas as conversas',
  searching: 'Pesquisando…',
  searchNoResults: 'Nenhuma mensagem encontrada',
  searchFailed: 'A pesquisa falhou. Tente novamente.',
  searchLoadMore: 'Carregar mais',
};
