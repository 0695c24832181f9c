import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { wordCount } from '../../lib/extract/readable/text.ts';
import { parseDate } from '../../lib/extract/dates.ts';

// Pages in scripts that write no spaces between words (Chinese, Japanese), written here.

const URL_ = 'https://blog.example.com/post/42';

function generic(html: string) {
  return extractArticle({ html, url: URL_, profile: 'generic' });
}

function page(title: string, post: string): string {
  return `<html><head><title>${title}</title></head><body>
    <div class="header"><a href="/">首页</a> <a href="/about">关于我们</a> <a href="/contact">联系方式</a></div>
    <div class="post"><h2>${title}</h2>${post}</div>
    <div class="footer">版权所有 二〇二四</div></body></html>`;
}

describe('generic profile: a short article in Chinese', () => {
  // Five sentences of a dozen ideographs: as much said as five lines of a Latin-script story.
  const sentences = ['今天早上村里开会讨论修路。', '大家都同意先修学校门口那段。', '费用由村委会和乡亲们共同承担。', '工程计划下个月初正式开始。', '完工以后孩子们上学更安全了。'];

  it('is found: an ideograph weighs as several letters, so short sentences still vote as paragraphs', () => {
    const a = generic(page('村里修路', sentences.map((s) => `<p>${s}</p>`).join('')));
    expect(a.bodyText.split('\n\n')).toEqual(sentences);
  });
});

describe('generic profile: an article set centred line by line', () => {
  const lines = [
    '清晨我们从山脚下出发沿着溪边的小路慢慢往上走，一路上听见鸟叫',
    '路边的枫树已经变成了金黄色和深红色，风一吹叶子就落满了石阶',
    '中午在半山腰的小木屋里吃了一碗热腾腾的面条，老板还送了一壶茶',
    '下午天气转晴，远处的山峰一座接一座清楚地出现在我们的眼前',
    '傍晚回到营地，大家围着火堆一边聊天一边烤红薯，直到星星出来',
  ];
  const centred = (t: string) => `<p style="text-align: center;"><span>${t}</span></p>`;
  const picture = (n: number) => `<p style="text-align: center;"><img src="/photos/${n}.jpg" width="600" height="400"></p>`;
  const post = `${picture(1)}${centred(lines[0])}${centred(lines[1])}
    ${picture(2)}${centred(lines[2])}
    ${picture(3)}${centred(lines[3])}<p style="text-align: center;"> </p>${centred(lines[4])}`;

  it('keeps every line after a picture as body text: centring marks no caption when the whole story is centred', () => {
    const a = generic(page('秋天的山路', post));
    expect(a.bodyText.split('\n\n')).toEqual(lines);
    expect(a.images.map((i) => i.caption)).toEqual([undefined, undefined, undefined]);
  });
});

describe('generic profile: the title of a page in Chinese', () => {
  const story = [
    '本周六上午，社区志愿者在河边公园组织了一次清理垃圾的活动，吸引了很多居民参加。',
    '大家分成五个小组，沿着河岸捡拾塑料瓶和废纸，还清理了堵塞排水口的落叶。',
    '活动结束后，组织者表示今后每个月都会举办一次，欢迎更多的家庭带着孩子一起来。',
  ];
  const body = story.map((s) => `<p>${s}</p>`).join('');
  const sidebar = `<div class="sidebar"><h3>热门文章推荐</h3><ul><li><a href="/a/1">老街改造进入第二阶段</a></li><li><a href="/a/2">图书馆延长开放时间</a></li></ul></div>`;

  it('is the heading written without spaces, agreeing with the <title> cut at its underscores', () => {
    const html = `<html><head><title>社区志愿者清理河边公园_本地新闻_城市网</title></head><body>
      ${sidebar}<div class="main"><h1>社区志愿者清理河边公园</h1><div class="content">${body}</div></div></body></html>`;
    const a = generic(html);
    expect(a.title).toBe('社区志愿者清理河边公园');
    expect(a.bodyText.split('\n\n')).toEqual(story);
  });
});

describe('wordCount', () => {
  it('counts space-separated words, and a run of ideographs or kana as one word per four characters', () => {
    expect(wordCount('Latest comments')).toBe(2);
    expect(wordCount(' Bình  luận mới ')).toBe(3);
    expect(wordCount('最新评论')).toBe(1);
    expect(wordCount('社区志愿者清理河边公园')).toBe(3);
    expect(wordCount('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶')).toBe(6);
    expect(wordCount('欲張りなイヌ')).toBe(2);
  });
});

describe('generic profile: a centred paragraph after a picture in Chinese', () => {
  const story = [
    '新修的村道全长三公里，从村口一直通到小学门口，路面平整宽阔，两旁还种上了一排排小树苗。',
    '村民们说，以前下雨天路上全是泥，孩子们上学要走一个多小时，现在骑车十分钟就到了。',
  ];
  const told = '修路的钱一半来自县里的补助，另一半由村民们自愿捐出，账目每个月都贴在村委会门口的公告栏上，大家看得清清楚楚。';
  const caption = '图为村民在新修的路上散步。';
  const html = page(
    '村道修好了',
    `<p>${story[0]}</p><p style="text-align: center;"><img src="/photos/road.jpg" width="600" height="400"></p>
     <p style="text-align: center;">${caption}</p><p>${story[1]}</p>
     <p style="text-align: center;"><img src="/photos/board.jpg" width="600" height="400"></p>
     <p style="text-align: center;">${told}</p>`,
  );

  it('is a caption while short, but a long full sentence (ending in 。) is the story', () => {
    const a = generic(html);
    expect(a.images.map((i) => i.caption)).toEqual([caption, undefined]);
    expect(a.bodyText.split('\n\n')).toEqual([...story, told]);
  });
});

describe('generic profile: a bold first sentence in Chinese', () => {
  it('is no title: a line ending in a full-width full stop or comma is a sentence', () => {
    const html = `<html><head><title>秋日游园记</title></head><body><div class="post">
      <p><strong>今天的天气非常好，我们全家一起去公园散步。</strong></p>
      <p>公园里的菊花开得正旺，黄的白的紫的都有，很多老人坐在长椅上晒太阳聊天，孩子们在草地上放风筝。</p>
      <p>中午我们在湖边的小亭子里吃了带来的饭团和水果，下午又划了一个小时的船才回家。</p></div></body></html>`;
    expect(generic(html).title).toBe('秋日游园记');
  });
});

describe('dates written with 年月日', () => {
  it('are read in Chinese, Japanese and Korean, with a time after the day', () => {
    expect(parseDate('发布时间：2016年10月14日 07:17')).toMatchObject({ iso: '2016-10-14T07:17:00+07:00', precision: 'minute' });
    expect(parseDate('更新 2023年 3月 9日')).toMatchObject({ iso: '2023-03-09T00:00:00+07:00', precision: 'day' });
    expect(parseDate('2024년 5월 1일')).toMatchObject({ iso: '2024-05-01T00:00:00+07:00', precision: 'day' });
    expect(parseDate('2024年13月40日')).toBeUndefined();
  });

  it('date the article from the line under its title', () => {
    const html = `<html><head><title>河边公园新添两座凉亭</title></head><body><div class="main">
      <h1>河边公园新添两座凉亭</h1><div class="info">本报讯 2016年10月14日07:17</div>
      <div class="content"><p>为了方便市民休息，河边公园本月新建了两座木结构凉亭，亭子里还放了长椅和饮水机。</p>
      <p>管理处表示，凉亭每天早上六点开放，晚上十点关闭，请大家爱护公共设施，不要在亭内吸烟。</p></div></div></body></html>`;
    const a = generic(html);
    expect(a.title).toBe('河边公园新添两座凉亭');
    expect(a).toMatchObject({ publishedAt: '2016-10-14T07:17:00+07:00', datePrecision: 'minute', dateSource: 'page' });
  });
});

describe('generic profile: a date in the first paragraph of a story in Chinese', () => {
  it('is no date line: fifty ideographs are a body paragraph, and the metadata date stands', () => {
    const html = `<html><head><title>老街的故事</title><meta property="article:published_time" content="2024-06-02T08:00:00+08:00"></head><body>
      <div class="main"><h1>老街的故事</h1><div class="content">
      <p>这条老街始建于清朝末年，二〇〇三年整修过一次，最近一次大修从2015年3月1日开始，历时整整两年。</p>
      <p>如今街上开了不少小店，卖茶叶的、修钟表的、做糕点的都有，周末来逛街的游客络绎不绝，十分热闹。</p>
      </div></div></body></html>`;
    const a = generic(html);
    expect(a).toMatchObject({ publishedAt: '2024-06-02T07:00:00+07:00', dateSource: 'meta' });
  });
});
