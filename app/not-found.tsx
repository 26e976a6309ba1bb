import Link from 'next/link';

/** Any unknown path. */
export default function NotFound() {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link className="button" href="/">
        Go to the start page
      </Link>
    </div>
  );
}
