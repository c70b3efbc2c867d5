/**
 * The people you can sign in as. A real product has its own user table and
 * session; the server's Banter hooks and the page's sign-in form both read this.
 */
export const people = [
  { id: 'ann', name: 'Ann Archer', avatarUrl: null },
  { id: 'bob', name: 'Bob Baker', avatarUrl: null },
];

/** @param {string | undefined} id */
export const personById = (id) => people.find((person) => person.id === id);
