import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { onApiEvent } from '../api';

type Notice = EventPayload<'app.notice'> & { id: number };

/**
 * What main tells the user unasked (`app.notice`: a sync that failed, a damaged database set
 * aside, …), above the page until dismissed. Errors and warnings are alerts; info is a status.
 */
export function Notices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let next = 0;
    return onApiEvent('app.notice', (n) => setNotices((list) => [...list.slice(-4), { ...n, id: next++ }]));
  }, []);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.level}`} role={n.level === 'info' ? 'status' : 'alert'}>
          <span>{n.message}</span>
          <button type="button" className="button" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
