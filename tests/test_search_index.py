

def test_material_s_search_cuts_each_text_once_a_build_with_jieba_s_own_words():
    import jieba
    import material.plugins.search.plugin as material_search

    from generator import search_index

    search_index.remember_cuts()
    remembered = material_search.jieba
    text = "周六下午的品鉴会只喝不卖".encode()
    assert list(remembered.cut(text)) == list(jieba.cut(text)) == list(remembered.cut(text))
    assert remembered.cut is not jieba.cut and remembered.setLogLevel is jieba.setLogLevel  # the rest is jieba's
    search_index.remember_cuts()  # the next build: a new memory, around jieba itself
    assert material_search.jieba is not remembered and material_search.jieba.jieba is jieba
