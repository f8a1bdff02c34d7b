export function App() {
  return (
    <main className="screen-center">
      <h1>Securus Console</h1>
    </main>
  );
}
