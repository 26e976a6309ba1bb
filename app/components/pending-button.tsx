'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A submit button for a plain HTML form: the form posts natively (so it works without
 * JavaScript); with JavaScript the button shows a pending state and ignores double submits.
 */
export function PendingButton({
  children,
  pendingLabel,
  className,
}: {
  children: ReactNode;
  pendingLabel: string;
  className?: string;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    let submitted = false;
    const onSubmit = (event: SubmitEvent) => {
      if (submitted) event.preventDefault();
      submitted = true;
      setPending(true);
    };
    // Coming back through the history (bfcache) must not leave the button stuck.
    const onPageShow = () => {
      submitted = false;
      setPending(false);
    };
    form.addEventListener('submit', onSubmit);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      form.removeEventListener('submit', onSubmit);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);

  return (
    <button ref={ref} type="submit" className={className} aria-busy={pending} aria-disabled={pending}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
