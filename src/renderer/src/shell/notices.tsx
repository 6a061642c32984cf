import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { callApi, onApiEvent } from '../api';

type Notice = EventPayload<'app.notice'> & { id: number };

/**
 * What main tells the user unasked (`app.notice`: a sync that failed, a damaged database set
 * aside, …), above the page until dismissed. Errors and warnings are alerts; info is a status.
 */
export function Notices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let next = 0;
    // A notice is shown once even when it arrives both as an event and in the start-up list.
    const add = (n: EventPayload<'app.notice'>) =>
      setNotices((list) => (list.some((x) => x.message === n.message) ? list : [...list.slice(-4), { level: n.level, message: n.message, id: next++ }]));
    const off = onApiEvent('app.notice', add);
    // The worker may have told its start-up notices before this window listened: ask for them.
    callApi('app.notices', {}).then(
      (list) => list.forEach(add),
      () => {}, // a page without them still works; the event path stays
    );
    return off;
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
