/** The people you can sign in as. A real host would have its own user table. */
export const demoUsers = [
  { id: 'alice', name: 'Alice Martin', avatarUrl: null },
  { id: 'bob', name: 'Bob Okafor', avatarUrl: null },
  { id: 'carol', name: 'Carol Nguyen', avatarUrl: null },
  { id: 'dave', name: 'Dave Kowalski', avatarUrl: null },
];

export const demoUserById = new Map(demoUsers.map((user) => [user.id, user]));
