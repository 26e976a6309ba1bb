import { redirect } from 'next/navigation';
import { getSession } from '@/lib/auth/session';

/** GET /: signed-in people go to their dashboard, everyone else to the login page. */
export default async function Home() {
  redirect((await getSession()) ? '/dashboard' : '/login');
}
