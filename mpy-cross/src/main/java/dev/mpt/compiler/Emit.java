package dev.mpt.compiler;

/**
 * What the compiler asks of an emitter, once per pass and scope: MicroPython's emit method
 * table. {@link Emitter} makes bytecode; {@link NativeEmitter} makes machine code for
 * {@code @micropython.native} and {@code @micropython.viper} functions.
 */
interface Emit {
    void startPass(int pass, Scope scope);

    /** Ends a pass; false if another emit pass is needed. */
    boolean endPass();

    void adjustStackSize(int delta);

    void setSourceLine(int line);

    void labelAssign(int l);

    void importName(String q, int kind);

    void loadConstTok(TokenKind tok);

    void loadConstSmallInt(long arg);

    void loadConstStr(String q);

    void loadConstObj(Object obj);

    void loadNull();

    void loadLocal(String name, int localNum, boolean deref);

    void loadGlobal(String q, boolean global);

    void loadMethod(String q, boolean isSuper);

    void loadBuildClass();

    void subscr(int kind);

    void attr(String q, int kind);

    void storeLocal(String name, int localNum, boolean deref);

    void storeGlobal(String q, boolean global);

    void deleteLocal(String name, int localNum, boolean deref);

    void deleteGlobal(String q, boolean global);

    void dupTop();

    void dupTopTwo();

    void popTop();

    void rotTwo();

    void rotThree();

    void jump(int label);

    void popJumpIf(boolean cond, int label);

    void jumpIfOrPop(boolean cond, int label);

    void unwindJump(int label, int exceptDepth);

    void setupBlock(int label, int kind);

    void withCleanup(int label);

    void asyncWithSetupFinally(int labelAexitNoExc, int labelFinallyBlock, int labelRetUnwindJump);

    void endFinally();

    void getIter(boolean useStack);

    void forIter(int label);

    void forIterEnd();

    void popExceptJump(int label, boolean withinExcHandler);

    void unaryOp(int op);

    void binaryOp(int op);

    void build(int nArgs, int kind);

    void storeMap();

    void storeComp(Scope.Kind kind, int collectionStackIndex);

    void unpackSequence(int nArgs);

    void unpackEx(int nLeft, int nRight);

    void makeFunction(Scope s, int nPosDefaults, int nKwDefaults);

    void makeClosure(Scope s, int nClosedOver, int nPosDefaults, int nKwDefaults);

    void callFunction(int nPositional, int nKeyword, int starFlags);

    void callMethod(int nPositional, int nKeyword, int starFlags);

    void returnValue();

    void raiseVarargs(int nArgs);

    void yield(int kind);

    void startExceptHandler();

    void endExceptHandler();
}
