// A server component: no 'use client'. It reads the request, renders plain HTML, and places
// Banter's components straight from '@banter/react': its build marks them as client
// components, so Next.js sends them to the browser without a wrapper file here.
import { Avatar, ChatWidget } from '@banter/react';
import { people, personById } from '../people.js';
import { ChatSession } from './chat-session';

interface PageProps {
  searchParams: Promise<{ user?: string | string[] }>;
}

export default async function Page({ searchParams }: PageProps) {
  const { user } = await searchParams;
  const person = personById(typeof user === 'string' ? user : undefined);
  if (!person) return <SignIn />;

  return (
    <div className="page">
      <header className="page__bar">
        <strong>Lisbon flats</strong>
        <span>Signed in as {person.name}</span>
        <a href="/">Sign out</a>
      </header>
      <main className="page__main">
        <h1>Sunny 2-room flat, Rua da Rosa</h1>
        <p>Bright and quiet, two minutes from the tram. Ask the owner anything in the chat.</p>
      </main>
      <ChatSession userId={person.id}>
        <ChatWidget title="Messages" defaultOpen />
      </ChatSession>
    </div>
  );
}

/** DEMO ONLY: a plain form, no JavaScript needed; `?user=` says who you are. */
function SignIn() {
  return (
    <main className="page__main signin">
      <h1>Banter in Next.js</h1>
      <p>Sign in as one person here, and as the other in a second window (or a private one).</p>
      <form method="get" action="/">
        {people.map((person) => (
          <button key={person.id} type="submit" name="user" value={person.id}>
            <Avatar name={person.name} aria-hidden />
            <span>Sign in as {person.name}</span>
          </button>
        ))}
      </form>
    </main>
  );
}
