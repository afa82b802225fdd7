pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
         (IndexError, LookupError), (LookupError, Exception), (ValueError, Exception), (TypeError, Exception),
         (StopIteration, Exception), (Exception, BaseException), (KeyboardInterrupt, Exception),
         (SystemExit, BaseException), (NotImplementedError, RuntimeError), (OSError, Exception),
         (AttributeError, Exception), (ImportError, Exception), (NameError, Exception), (AssertionError, Exception),
         (GeneratorExit, BaseException), (UnicodeError, ValueError), (MemoryError, Exception), (EOFError, Exception)]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
