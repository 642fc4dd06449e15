import { describe, expect, it } from '@jest/globals';
import { Controller, UseGuards, UseInterceptors } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { patternHandlers } from './request-handlers.js';

@Controller()
class PeopleHandlers {
  readonly seen: unknown[] = [];

  @MessagePattern('people.get')
  get(payload: unknown) {
    this.seen.push(payload);
    return 'got';
  }

  helper() {
    return 'not a handler';
  }
}

describe(patternHandlers.name, () => {
  it('binds each @MessagePattern method to its instance, by topic', () => {
    const instance = new PeopleHandlers();
    const handlers = patternHandlers(instance, ['people.get'], ['people.get']);
    expect([...handlers.keys()]).toEqual(['people.get']);
    expect(handlers.get('people.get')!({ id: 'a' }, undefined as never)).toBe('got');
    expect(instance.seen).toEqual([{ id: 'a' }]);
  });

  it('refuses routes and handlers that differ, also a pattern Nest registered elsewhere', () => {
    const instance = new PeopleHandlers();
    expect(() => patternHandlers(instance, ['people.get', 'people.list'], [])).toThrow(
      'no handler for [people.list], not routed: []',
    );
    expect(() => patternHandlers(instance, [], [])).toThrow('not routed: [people.get]');
    expect(() => patternHandlers(instance, ['people.get'], ['people.delete'])).toThrow(
      'not routed: [people.delete]',
    );
  });

  it('refuses a Nest enhancer on the class or a method, which would not run', () => {
    @UseInterceptors(class {})
    class Intercepted extends PeopleHandlers {}
    expect(() => patternHandlers(new Intercepted(), ['people.get'], [])).toThrow(
      'would not run: @UseInterceptors on Intercepted',
    );

    class Guarded {
      @UseGuards(class {})
      @MessagePattern('people.get')
      get() {
        return null;
      }
    }
    expect(() => patternHandlers(new Guarded(), ['people.get'], [])).toThrow(
      'would not run: @UseGuards on get',
    );
  });
});
