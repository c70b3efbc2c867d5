import { ChatWidget, ChatWindow, useChatClient, useUser } from '@banter/react';
import { useState } from 'react';

/** The page's own data: in a real marketplace it comes from the marketplace's API. */
const listing = {
  id: 'bike-56',
  title: 'Vintage road bike, 56 cm',
  description:
    'Steel frame from 1987, new tyres and brake pads, serviced last month. Collection only.',
  price: 240,
  currency: 'EUR',
  location: 'Ghent',
  sellerId: 'alice',
};

const price = new Intl.NumberFormat('en', { style: 'currency', currency: listing.currency });

type Contact =
  | { status: 'idle' }
  | { status: 'opening' }
  | { status: 'open'; conversationId: string }
  | { status: 'failed'; reason: string };

export function App({ userId }: { userId: string }) {
  const client = useChatClient();
  // Names come from the chat server's getUsers hook, i.e. from the host's own user table.
  const me = useUser(userId);
  const seller = useUser(listing.sellerId);
  const sellerName = seller?.name ?? 'the seller';
  const [contact, setContact] = useState<Contact>({ status: 'idle' });

  async function messageSeller() {
    setContact({ status: 'opening' });
    try {
      // Returns the existing direct conversation when there already is one.
      const conversation = await client.createDirectConversation(listing.sellerId);
      setContact({ status: 'open', conversationId: conversation.id });
    } catch (error) {
      setContact({
        status: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return (
    <div className="market">
      <header className="market__header">
        <span className="market__logo">Greenmarket</span>
        <span className="market__user">Signed in as {me?.name ?? userId}</span>
      </header>

      <main className="market__main">
        <article className="listing" aria-labelledby="listing-title">
          <div className="listing__photo" role="img" aria-label="A steel road bike" />
          <div className="listing__body">
            <h1 id="listing-title" className="listing__title">
              {listing.title}
            </h1>
            <p className="listing__price">{price.format(listing.price)}</p>
            <p>{listing.description}</p>
            <p className="listing__meta">
              {listing.location} · sold by {sellerName}
            </p>
            {userId === listing.sellerId ? (
              <p className="listing__meta">This is your listing.</p>
            ) : (
              <button
                type="button"
                className="market__button"
                onClick={messageSeller}
                disabled={contact.status === 'opening'}
              >
                Message the seller
              </button>
            )}
            {contact.status === 'failed' && (
              <p className="market__error" role="alert">
                {contact.reason}
              </p>
            )}
          </div>
        </article>

        {contact.status === 'open' && (
          <aside className="market__chat" aria-label={`Conversation with ${sellerName}`}>
            <ChatWindow
              conversationId={contact.conversationId}
              onBack={() => setContact({ status: 'idle' })}
            />
          </aside>
        )}
      </main>

      <ChatWidget title="Messages" />
    </div>
  );
}
