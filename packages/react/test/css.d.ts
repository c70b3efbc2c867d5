// Stylesheets imported for their side effect (tests, stories): the bundler handles them.
declare module '*.css' {}
