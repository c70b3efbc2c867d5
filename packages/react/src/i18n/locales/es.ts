import { formatCount, pluralsFor } from '../plural';
import type { BanterStrings } from '../strings';

const plural = pluralsFor('es');

/** Spanish (español), neutral between Spain and Latin America, addressing the reader as "tú". */
export const es: BanterStrings = {
  composerLabel: 'Mensaje',
  composerPlaceholder: 'Escribe un mensaje…',
  send: 'Enviar',
  characterCount: (used, max) => `${used} / ${max}`,
  messageListLabel: 'Mensajes',
  loadingOlder: 'Cargando mensajes anteriores…',
  loadOlder: 'Cargar mensajes anteriores',
  beginningOfConversation: 'Este es el comienzo de la conversación',
  newMessages: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensaje nuevo', other: 'mensajes nuevos' })}`,
  jumpToLatest: 'Ir al más reciente',
  edited: 'editado',
  deleted: 'Se eliminó este mensaje',
  retry: 'Reintentar',
  loading: 'Cargando…',
  loadFailed: 'No se pudo cargar esta parte del chat.',
  discard: 'Descartar',
  failed: (reason) => `No enviado: ${reason}`,
  messageStatus: {
    sending: 'Enviando',
    sent: 'Enviado',
    delivered: 'Entregado',
    read: 'Leído',
    failed: 'No enviado',
  },
  typing: (names, locale) => {
    if (names.length === 0) return '';
    if (names.length > 3) return `${formatCount(locale, names.length)} personas están escribiendo…`;
    const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return `${list} ${names.length === 1 ? 'está' : 'están'} escribiendo…`;
  },
  connection: {
    connecting: 'Conectando…',
    connected: 'Conectado',
    reconnecting: 'Reconectando…',
    offline: 'Estás sin conexión: los mensajes se enviarán cuando vuelvas a estar en línea',
    refused: 'No se puede conectar con el chat',
    closed: 'Desconectado',
  },
  serverUnreachable:
    'No se puede acceder al servidor del chat: los mensajes se enviarán cuando vuelva a funcionar',
  queued: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensaje pendiente', other: 'mensajes pendientes' })} de envío`,
  online: 'En línea',
  lastSeen: (when) => `Última conexión: ${when}`,
  offline: 'Sin conexión',
  today: 'Hoy',
  yesterday: 'Ayer',
  you: 'Tú',
  attachment: 'Archivo adjunto',
  image: (name) => (name ? `Imagen: ${name}` : 'Imagen'),
  conversationsLabel: 'Conversaciones',
  searchConversations: 'Buscar conversaciones',
  noConversations: 'Aún no hay conversaciones',
  noMatches: 'Ninguna conversación coincide con tu búsqueda',
  loadingConversations: 'Cargando conversaciones…',
  unread: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'mensaje sin leer', other: 'mensajes sin leer' })}`,
  muted: 'Silenciada',
  archived: 'Archivada',
  newConversation: 'Nueva conversación',
  searchPeople: 'Buscar personas',
  noPeopleFound: 'No se encontró a nadie',
  startConversation: (name) => `Iniciar una conversación con ${name}`,
  newGroup: 'Nuevo grupo',
  groupTitle: 'Nombre del grupo (opcional)',
  removeFromGroup: (name) => `Quitar a ${name}`,
  createGroup: 'Crear grupo',
  cancel: 'Cancelar',
  openChat: 'Abrir el chat',
  closeChat: 'Cerrar el chat',
  back: 'Volver a las conversaciones',
  chatTitle: 'Chat',
  emptyConversation: 'Aún no hay mensajes. ¡Saluda!',
  selectConversation: 'Selecciona una conversación',
  participants: (count, locale) =>
    `${formatCount(locale, count)} ${plural(locale, count, { one: 'participante', other: 'participantes' })}`,
  messageActions: 'Acciones del mensaje',
  reply: 'Responder',
  react: 'Reaccionar',
  reactWith: (emoji) => `Reaccionar con ${emoji}`,
  moreReactions: 'Más reacciones',
  emojiPicker: 'Elige una reacción',
  searchEmoji: 'Buscar emoji',
  loadingEmoji: 'Cargando emoji…',
  emojiLoadFailed: 'No se pudieron cargar los emoji',
  noEmojiFound: 'No se encontraron emoji',
  skinTone: 'Tono de piel',
  emojiChoice: (label, reacted) => (reacted ? `${label}, tu reacción` : label),
  copyText: 'Copiar texto',
  edit: 'Editar',
  delete: 'Eliminar',
  deleteConfirm: '¿Eliminar este mensaje para todos?',
  deleteConfirmAction: 'Eliminar para todos',
  replyingTo: (name) => `Respondiendo a ${name}`,
  cancelReply: 'Cancelar respuesta',
  editingMessage: 'Editando mensaje',
  cancelEdit: 'Cancelar edición',
  saveEdit: 'Guardar',
  replyDeleted: 'Mensaje eliminado',
  replyNotLoaded: 'Mensaje original no cargado',
  quoteLabel: (sender, text) =>
    sender ? `En respuesta a ${sender}: ${text}` : `En respuesta a: ${text}`,
  reactionsLabel: 'Reacciones',
  reactionSummary: (emoji, count, who, locale) => {
    const how = `${formatCount(locale, count)} ${plural(locale, count, { one: 'reacción', other: 'reacciones' })}`;
    return who ? `${emoji} ${how}: ${who}` : `${emoji} ${how}`;
  },
  reactedBy: (names, others, locale) => {
    if (names.length === 0) return '';
    const rest = others > 0 ? [`${formatCount(locale, others)} más`] : [];
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format([...names, ...rest]);
  },
  actionFailed: {
    edit: 'No se pudo editar',
    delete: 'No se pudo eliminar',
    react: 'No se pudo añadir la reacción',
    unreact: 'No se pudo quitar la reacción',
  },
  banned: 'Esta cuenta no puede usar el chat',
  conversationActions: 'Opciones de la conversación',
  block: 'Bloquear',
  blockConfirm:
    '¿Bloquear a esta persona? No podrá escribirte directamente ni ver cuándo estás en línea.',
  unblock: 'Desbloquear',
  youBlocked: 'Has bloqueado a esta persona',
  blockedMessage: 'Mensaje de alguien a quien bloqueaste',
  showMessage: 'Mostrar',
  report: 'Denunciar',
  reportTitle: 'Denunciar mensaje',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Acoso o abuso',
    inappropriate: 'Contenido inapropiado',
    other: 'Otro motivo',
  },
  reportDetails: 'Detalles (opcional)',
  reportSent: 'Gracias: se ha enviado la denuncia.',
  close: 'Cerrar',
  searchMessages: 'Buscar mensajes',
  searchAllMessages: 'Buscar en todas las conversaciones',
  searching: 'Buscando…',
  searchNoResults: 'No se encontraron mensajes',
  searchFailed: 'La búsqueda falló. Inténtalo de nuevo.',
  searchLoadMore: 'Cargar más',
};
