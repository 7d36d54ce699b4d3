import { PointerSensor, TouchSensor } from '@dnd-kit/core';

/** Whether the element takes typed text: a text field, a text area or an editable region. */
function takesText(element: Element | null): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/**
 * dnd-kit's pointer and touch sensors clear the page's text selection while a card is dragged,
 * on every `selectionchange`, and keep doing so for 50 ms after the drop (clauderic/dnd-kit#1037).
 * A card dropped on an earlier stage opens the move-back dialog at once, its reason field focused:
 * clearing the selection then takes the caret out of the field, and text typed or inserted right
 * then goes nowhere. The sensors here leave the selection alone while a text field has focus
 * (during a drag the card's handle has it, so the drag still selects no text).
 *
 * The clearing is the sensor's own (private) `removeTextSelection`; it is looked up when a drag
 * starts, after the constructor, so wrapping it here takes effect for every drag.
 */
function spareTextFields(sensor: object): void {
  const target = sensor as { removeTextSelection?: () => void };
  const clear = target.removeTextSelection;
  if (typeof clear !== 'function') return;
  target.removeTextSelection = () => {
    if (!takesText(document.activeElement)) clear();
  };
}

export class BoardPointerSensor extends PointerSensor {
  constructor(props: ConstructorParameters<typeof PointerSensor>[0]) {
    super(props);
    spareTextFields(this);
  }
}

export class BoardTouchSensor extends TouchSensor {
  constructor(props: ConstructorParameters<typeof TouchSensor>[0]) {
    super(props);
    spareTextFields(this);
  }
}
